/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pilote-contact-editor.h"
#include "pilote-error.h"
#include "pilote-record.h"

/* The dialog that adds a contact to a client or edits one: name, job
 * title, e-mail and phone, checked before anything is written. */

struct _PiloteContactEditor
{
  AdwWindow      parent_instance;

  PiloteStore   *store;
  PiloteContact *contact;
  GHashTable    *entries;    /* field → AdwEntryRow */
  GtkLabel      *error_label;
  GtkRevealer   *error_revealer;
};

G_DEFINE_FINAL_TYPE (PiloteContactEditor, pilote_contact_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static void
show_error (PiloteContactEditor *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

const char *
pilote_contact_editor_get_error (PiloteContactEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_CONTACT_EDITOR (self), NULL);
  return gtk_revealer_get_reveal_child (self->error_revealer)
           ? gtk_label_get_text (self->error_label) : NULL;
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

/**
 * pilote_contact_editor_save:
 *
 * Checks the fields and writes the contact; emits ::saved.
 */
gboolean
pilote_contact_editor_save (PiloteContactEditor  *self,
                            GError              **error)
{
  g_autoptr(PiloteContact) contact = NULL;
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_CONTACT_EDITOR (self), FALSE);

  contact = pilote_record_copy (self->contact);
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
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Name: type the contact’s name."));
      return FALSE;
    }
  if (contact->email != NULL && !is_email (contact->email))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("E-mail: “%s” is not an e-mail address. Type it as name@example.com, "
                     "or leave it empty."), contact->email);
      return FALSE;
    }
  if (contact->phone != NULL && !is_phone (contact->phone))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Phone: “%s” is not a phone number. Use digits, spaces and a leading +, "
                     "or leave it empty."), contact->phone);
      return FALSE;
    }
  if (contact->base.id == 0)
    ok = pilote_store_insert (self->store, contact, error);
  else
    ok = pilote_store_update (self->store, contact, error);
  if (!ok)
    return FALSE;
  g_clear_pointer (&self->contact, pilote_contact_free);
  self->contact = g_steal_pointer (&contact);
  g_signal_emit (self, signals[SAVED], 0, self->contact->base.id);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PiloteContactEditor *self = PILOTE_CONTACT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  show_error (self, NULL);
  if (pilote_contact_editor_save (self, &error))
    gtk_window_destroy (GTK_WINDOW (self));
  else
    show_error (self, error->message);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
on_entry_activated_cb (PiloteContactEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
build (PiloteContactEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *error_label = gtk_label_new (NULL);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "editor.cancel");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_set_margin_start (error_label, 12);
  gtk_widget_set_margin_end (error_label, 12);
  gtk_widget_set_margin_top (error_label, 6);
  gtk_widget_add_css_class (error_label, "error");
  self->error_label = GTK_LABEL (error_label);
  self->error_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->error_revealer, error_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_revealer));

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
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
pilote_contact_editor_dispose (GObject *object)
{
  PiloteContactEditor *self = PILOTE_CONTACT_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->contact, pilote_contact_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  G_OBJECT_CLASS (pilote_contact_editor_parent_class)->dispose (object);
}

static void
pilote_contact_editor_class_init (PiloteContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_contact_editor_dispose;

  /**
   * PiloteContactEditor::saved:
   * @contact_id: the contact written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
pilote_contact_editor_init (PiloteContactEditor *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
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
  self->store = g_object_ref (store);
  self->contact = g_steal_pointer (&contact);
  gtk_window_set_title (GTK_WINDOW (self), contact_id > 0 ? _("Edit Contact") : _("New Contact"));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = *field_ptr (self->contact, fields[i].field);

      gtk_editable_set_text (g_hash_table_lookup (self->entries, fields[i].field),
                             value != NULL ? value : "");
    }
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
