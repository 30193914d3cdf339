/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pilote-contact-editor.h"
#include "pilote-error.h"
#include "pilote-record.h"

/* The dialog that adds a contact to a client or edits one: name, job
 * title, e-mail and phone, checked before anything is written. Saving,
 * conflicts with someone else's changes and the history are
 * PiloteRecordEditor's. */

struct _PiloteContactEditor
{
  PiloteRecordEditor parent_instance;

  GHashTable    *entries;    /* field → AdwEntryRow */
};

G_DEFINE_FINAL_TYPE (PiloteContactEditor, pilote_contact_editor, PILOTE_TYPE_RECORD_EDITOR)

static const struct {
  const char *field;
  const char *label;
  GtkInputPurpose purpose;
} fields[] = {
  { "name", N_("Name"), GTK_INPUT_PURPOSE_NAME },
  { "job_title", N_("Job title"), GTK_INPUT_PURPOSE_FREE_FORM },
  { "email", N_("E-mail"), GTK_INPUT_PURPOSE_EMAIL },
  { "phone", N_("Phone"), GTK_INPUT_PURPOSE_PHONE },
};

static char **
field_ptr (PiloteContact *contact,
           const char    *field)
{
  if (g_str_equal (field, "name")) return &contact->name;
  if (g_str_equal (field, "job_title")) return &contact->job_title;
  if (g_str_equal (field, "email")) return &contact->email;
  return &contact->phone;
}

const char *
pilote_contact_editor_get_error (PiloteContactEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_CONTACT_EDITOR (self), NULL);
  return pilote_record_editor_get_error (PILOTE_RECORD_EDITOR (self));
}

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && strchr (at + 1, '@') == NULL &&
         strchr (at + 1, '.') != NULL && at[1] != '.' && !g_str_has_suffix (text, ".") &&
         strpbrk (text, " ,;<>\"") == NULL;
}

static gboolean
is_phone (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr ("+ .-()/", *p) == NULL)
        return FALSE;
    }
  return digits >= 3;
}

static gpointer
collect (PiloteRecordEditor  *editor,
         GtkWidget          **bad_row,
         GError             **error)
{
  PiloteContactEditor *self = PILOTE_CONTACT_EDITOR (editor);
  g_autoptr(PiloteContact) contact = pilote_record_copy (pilote_record_editor_get_record (editor));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkEditable *entry = g_hash_table_lookup (self->entries, fields[i].field);
      char **ptr = field_ptr (contact, fields[i].field);
      g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

      g_free (*ptr);
      *ptr = *value != '\0' ? g_steal_pointer (&value) : NULL;
    }
  if (contact->name == NULL)
    {
      *bad_row = g_hash_table_lookup (self->entries, "name");
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Name: type the contact’s name."));
      return NULL;
    }
  if (contact->email != NULL && !is_email (contact->email))
    {
      *bad_row = g_hash_table_lookup (self->entries, "email");
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("E-mail: “%s” is not an e-mail address. Type it as name@example.com, "
                     "or leave it empty."), contact->email);
      return NULL;
    }
  if (contact->phone != NULL && !is_phone (contact->phone))
    {
      *bad_row = g_hash_table_lookup (self->entries, "phone");
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Phone: “%s” is not a phone number. Use digits, spaces and a leading +, "
                     "or leave it empty."), contact->phone);
      return NULL;
    }
  return g_steal_pointer (&contact);
}

static void
show (PiloteRecordEditor *editor,
      gconstpointer       record)
{
  PiloteContactEditor *self = PILOTE_CONTACT_EDITOR (editor);
  const PiloteContact *contact = record;

  pilote_record_editor_set_title (editor, contact->base.id > 0 ? _("Edit Contact")
                                                               : _("New Contact"));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = *field_ptr ((PiloteContact *) contact, fields[i].field);

      gtk_editable_set_text (g_hash_table_lookup (self->entries, fields[i].field),
                             value != NULL ? value : "");
    }
}

static char *
describe (PiloteRecordEditor *editor)
{
  const PiloteContact *contact = pilote_record_editor_get_record (editor);

  return g_strdup (contact->name);
}

/**
 * pilote_contact_editor_save:
 *
 * Checks the fields and writes the contact; emits ::saved.
 */
gboolean
pilote_contact_editor_save (PiloteContactEditor  *self,
                            GError              **error)
{
  g_return_val_if_fail (PILOTE_IS_CONTACT_EDITOR (self), FALSE);
  return pilote_record_editor_save (PILOTE_RECORD_EDITOR (self), error);
}

static void
on_entry_activated_cb (PiloteContactEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
build (PiloteContactEditor *self)
{
  AdwPreferencesPage *page = pilote_record_editor_build (PILOTE_RECORD_EDITOR (self));
  GtkWidget *group = adw_preferences_group_new ();

  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].label));
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), fields[i].purpose);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (self->entries, (gpointer) fields[i].field, row);
      g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_entry_activated_cb),
                               self, G_CONNECT_SWAPPED);
    }
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
}

static void
pilote_contact_editor_dispose (GObject *object)
{
  PiloteContactEditor *self = PILOTE_CONTACT_EDITOR (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  G_OBJECT_CLASS (pilote_contact_editor_parent_class)->dispose (object);
}

static void
pilote_contact_editor_class_init (PiloteContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PiloteRecordEditorClass *editor_class = PILOTE_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = pilote_contact_editor_dispose;
  editor_class->collect = collect;
  editor_class->show = show;
  editor_class->describe = describe;
}

static void
pilote_contact_editor_init (PiloteContactEditor *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 420, 360);
  build (self);
}

/**
 * pilote_contact_editor_new:
 * @client_id: the client of a new contact
 * @contact_id: the contact to edit, or 0 for a new one
 *
 * Returns: (transfer none): the editor, not shown yet, or %NULL when the
 *   contact cannot be read
 */
PiloteContactEditor *
pilote_contact_editor_new (PiloteStore  *store,
                           gint64        client_id,
                           gint64        contact_id,
                           GtkWindow    *parent,
                           GError      **error)
{
  g_autoptr(PiloteContact) contact = NULL;
  PiloteContactEditor *self;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  if (contact_id > 0)
    {
      contact = pilote_store_get_contact (store, contact_id, error);
      if (contact == NULL)
        return NULL;
    }
  else
    {
      contact = pilote_contact_new ();
      contact->client_id = client_id;
    }
  self = g_object_new (PILOTE_TYPE_CONTACT_EDITOR, "transient-for", parent, NULL);
  pilote_record_editor_load (PILOTE_RECORD_EDITOR (self), store, g_steal_pointer (&contact));
  return self;
}

/**
 * pilote_contact_editor_get_entry:
 * @field: "name", "job_title", "email" or "phone"
 *
 * Returns: (transfer none): the entry of that field
 */
GtkEditable *
pilote_contact_editor_get_entry (PiloteContactEditor *self,
                                 const char          *field)
{
  g_return_val_if_fail (PILOTE_IS_CONTACT_EDITOR (self), NULL);
  return g_hash_table_lookup (self->entries, field);
}
