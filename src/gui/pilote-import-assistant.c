/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-import-assistant-private.h"
#include "pilote-import-guess.h"
#include "pilote-import-history.h"
#include "pilote-record.h"

/* The import assistant: a CSV file brought in step by step — the file and
 * what its rows are, how it is written, which column feeds which field, a
 * dry run that lists every problem, then the import itself in the
 * background. This file holds the steps and the first one; the others are
 * in pilote-import-assistant-{preview,mapping,run}.c. */

G_DEFINE_FINAL_TYPE (PiloteImportAssistant, pilote_import_assistant, ADW_TYPE_WINDOW)

/* The entities a file can bring in, in the order of the drop-down */
static const struct {
  PiloteEntity  entity;
  const char   *label;
} entities[] = {
  { PILOTE_ENTITY_CLIENT, N_("A client") },
  { PILOTE_ENTITY_CONTACT, N_("A contact") },
  { PILOTE_ENTITY_PRODUCT, N_("A product") },
  { PILOTE_ENTITY_TEAM, N_("A team") },
  { PILOTE_ENTITY_MEMBER, N_("A team member") },
  { PILOTE_ENTITY_DEAL, N_("A deal, or a line of a deal") },
  { PILOTE_ENTITY_DEAL_LINE, N_("A line of an existing deal") },
  { PILOTE_ENTITY_ACTIVITY, N_("An activity") },
  { PILOTE_ENTITY_OBJECTIVE, N_("An objective") },
  { PILOTE_ENTITY_SPEND, N_("A spend") },
};

static const char *const step_names[] = { "source", "preview", "mapping", "check", "import" };

static const char *
step_title (PiloteImportStep step)
{
  switch (step)
    {
    case PILOTE_IMPORT_STEP_SOURCE:
      return _("File");
    case PILOTE_IMPORT_STEP_PREVIEW:
      return _("Preview");
    case PILOTE_IMPORT_STEP_MAPPING:
      return _("Columns");
    case PILOTE_IMPORT_STEP_CHECK:
      return _("Check");
    case PILOTE_IMPORT_STEP_IMPORT:
    default:
      return _("Import");
    }
}

PiloteImportAssistant *
pilote_import_assistant_new (GtkWindow   *parent,
                             PiloteStore *store)
{
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  return g_object_new (PILOTE_TYPE_IMPORT_ASSISTANT,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

PiloteStore *
pilote_import_assistant_get_store (PiloteImportAssistant *self)
{
  g_return_val_if_fail (PILOTE_IS_IMPORT_ASSISTANT (self), NULL);
  return self->store;
}

PiloteImportStep
pilote_import_assistant_get_step_index (PiloteImportAssistant *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (step_names); i++)
    if (g_strcmp0 (name, step_names[i]) == 0)
      return i;
  return PILOTE_IMPORT_STEP_SOURCE;
}

/**
 * pilote_import_assistant_get_step:
 *
 * Returns: the step shown: "source", "preview", "mapping", "check" or "import"
 */
const char *
pilote_import_assistant_get_step (PiloteImportAssistant *self)
{
  g_return_val_if_fail (PILOTE_IS_IMPORT_ASSISTANT (self), NULL);
  return step_names[pilote_import_assistant_get_step_index (self)];
}

void
pilote_import_assistant_show_error (PiloteImportAssistant *self,
                                    const char            *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
show_step (PiloteImportAssistant *self,
           PiloteImportStep       step)
{
  pilote_import_assistant_show_error (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
}

/* Back and Next say what they do at each step */
void
pilote_import_assistant_update_buttons (PiloteImportAssistant *self)
{
  PiloteImportStep step = pilote_import_assistant_get_step_index (self);
  gboolean running = self->state == PILOTE_IMPORT_RUNNING;
  gboolean imported = self->state == PILOTE_IMPORT_DONE || self->state == PILOTE_IMPORT_UNDONE;
  const char *back = _("_Back");
  const char *next = _("_Next");
  gboolean can_next = TRUE;
  gboolean can_back = TRUE;
  g_autofree char *subtitle = NULL;

  switch (step)
    {
    case PILOTE_IMPORT_STEP_SOURCE:
      back = _("_Cancel");
      can_next = self->csv_path != NULL && self->headers != NULL;
      break;
    case PILOTE_IMPORT_STEP_PREVIEW:
      can_next = self->headers != NULL && self->headers->len > 0;
      break;
    case PILOTE_IMPORT_STEP_MAPPING:
      next = _("_Check");
      break;
    case PILOTE_IMPORT_STEP_CHECK:
      next = _("_Import");
      can_next = self->state == PILOTE_IMPORT_FINE && !pilote_store_is_read_only (self->store);
      break;
    case PILOTE_IMPORT_STEP_IMPORT:
    default:
      next = _("_Close");
      can_next = !running;
      can_back = !running && !imported;
      break;
    }
  gtk_button_set_label (self->back_button, back);
  gtk_button_set_label (self->next_button, next);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), can_back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next", can_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.back", can_back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.undo-import",
                                 self->state == PILOTE_IMPORT_DONE && self->batch_id > 0);

  /* Translators: the import assistant's subtitle, e.g. "Step 3 of 5: Columns" */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), step + 1, (guint) G_N_ELEMENTS (step_names),
                              step_title (step));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
step_changed_cb (PiloteImportAssistant *self)
{
  pilote_import_assistant_update_buttons (self);
}

/* The file and its entity */

static void
update_source_rows (PiloteImportAssistant *self)
{
  if (self->csv_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (self->csv_path);

      adw_action_row_set_subtitle (self->file_row, name);
    }
  else
    adw_action_row_set_subtitle (self->file_row, _("No file chosen"));

  if (self->profile_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (self->profile_path);

      adw_action_row_set_subtitle (self->profile_row, name);
    }
  else
    adw_action_row_set_subtitle (self->profile_row,
                                 _("None: columns are matched by their headers"));
  gtk_widget_set_visible (GTK_WIDGET (self->profile_clear_button), self->profile_path != NULL);
}

/* A new mapping for the entity: the options chosen so far, the columns
 * guessed from the headers */
void
pilote_import_assistant_guess_profile (PiloteImportAssistant *self)
{
  PiloteImportProfile *profile = pilote_import_profile_new (self->entity);

  if (self->profile != NULL)
    *pilote_import_profile_get_options (profile) =
      *pilote_import_profile_get_options (self->profile);
  if (self->headers != NULL)
    pilote_import_guess_profile (profile, (const char * const *) self->headers->pdata,
                                 self->headers->len);
  g_clear_pointer (&self->profile, pilote_import_profile_free);
  self->profile = profile;
}

void
pilote_import_assistant_mapping_changed (PiloteImportAssistant *self)
{
  self->state = PILOTE_IMPORT_IDLE;
  pilote_import_assistant_build_mapping (self);
  pilote_import_assistant_update_buttons (self);
}

/**
 * pilote_import_assistant_set_file:
 *
 * Reads @path's first rows and guesses how it is written and, unless a
 * profile says so, which column feeds which field.
 *
 * Returns: %FALSE, with the reason shown and in @error, when the file
 *   cannot be read
 */
gboolean
pilote_import_assistant_set_file (PiloteImportAssistant  *self,
                                  const char             *path,
                                  GError                **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PILOTE_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_free (self->csv_path);
  self->csv_path = g_strdup (path);
  /* a new file is detected afresh, but a loaded profile's options stand */
  if (self->profile_path == NULL && self->profile != NULL)
    memset (pilote_import_profile_get_options (self->profile), 0, sizeof (PiloteCsvOptions));
  if (!pilote_import_assistant_read_file (self, &local_error))
    {
      g_clear_pointer (&self->csv_path, g_free);
      update_source_rows (self);
      pilote_import_assistant_show_error (self, local_error->message);
      pilote_import_assistant_update_buttons (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  pilote_import_assistant_show_error (self, NULL);
  if (self->profile_path == NULL)
    pilote_import_assistant_guess_profile (self);
  update_source_rows (self);
  pilote_import_assistant_mapping_changed (self);
  return TRUE;
}

static void
choose_response_cb (GtkNativeDialog       *dialog,
                    int                    response,
                    PiloteImportAssistant *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        pilote_import_assistant_set_file (self, path, NULL);
    }
  g_object_unref (dialog);
}

static GtkFileFilter *
new_filter (const char *name,
            const char *pattern,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  return filter;
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Choose a CSV File"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog),
                               new_filter (_("CSV files"), "*.csv", "text/csv"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog),
                               new_filter (_("All files"), "*", NULL));
  g_signal_connect (dialog, "response", G_CALLBACK (choose_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
pilote_import_assistant_set_entity (PiloteImportAssistant *self,
                                    PiloteEntity           entity)
{
  g_return_if_fail (PILOTE_IS_IMPORT_ASSISTANT (self));

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (entities[i].entity == entity)
      {
        adw_combo_row_set_selected (self->entity_row, i);
        return;
      }
  g_return_if_reached ();
}

PiloteEntity
pilote_import_assistant_get_entity (PiloteImportAssistant *self)
{
  g_return_val_if_fail (PILOTE_IS_IMPORT_ASSISTANT (self), PILOTE_ENTITY_CLIENT);
  return self->entity;
}

static void
entity_selected_cb (PiloteImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->entity_row);

  if (self->updating || selected >= G_N_ELEMENTS (entities) ||
      entities[selected].entity == self->entity)
    return;
  self->entity = entities[selected].entity;
  /* a profile is for one entity: another entity starts a new mapping */
  g_clear_pointer (&self->profile_path, g_free);
  pilote_import_assistant_guess_profile (self);
  update_source_rows (self);
  pilote_import_assistant_mapping_changed (self);
}

/* Profiles */

/**
 * pilote_import_assistant_load_profile:
 *
 * Uses the profile saved in @path: its entity, its options and its mapping.
 */
gboolean
pilote_import_assistant_load_profile (PiloteImportAssistant  *self,
                                      const char             *path,
                                      GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  PiloteImportProfile *profile;

  g_return_val_if_fail (PILOTE_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  profile = pilote_import_profile_load (path, &local_error);
  if (profile == NULL)
    {
      pilote_import_assistant_show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_pointer (&self->profile, pilote_import_profile_free);
  self->profile = profile;
  g_free (self->profile_path);
  self->profile_path = g_strdup (path);
  self->entity = pilote_import_profile_get_entity (profile);
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (entities[i].entity == self->entity)
      adw_combo_row_set_selected (self->entity_row, i);
  self->updating = FALSE;
  pilote_import_assistant_show_error (self, NULL);
  if (self->csv_path != NULL && !pilote_import_assistant_read_file (self, &local_error))
    pilote_import_assistant_show_error (self, local_error->message);
  update_source_rows (self);
  pilote_import_assistant_mapping_changed (self);
  return TRUE;
}

static void
load_response_cb (GtkNativeDialog       *dialog,
                  int                    response,
                  PiloteImportAssistant *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        pilote_import_assistant_load_profile (self, path, NULL);
    }
  g_object_unref (dialog);
}

static void
load_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Load a Mapping Profile"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog),
                               new_filter (_("Import profiles"), "*.ini", NULL));
  g_signal_connect (dialog, "response", G_CALLBACK (load_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
clear_profile_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (widget);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->profile_path, g_free);
  if (self->profile != NULL)
    memset (pilote_import_profile_get_options (self->profile), 0, sizeof (PiloteCsvOptions));
  if (self->csv_path != NULL && !pilote_import_assistant_read_file (self, &error))
    pilote_import_assistant_show_error (self, error->message);
  pilote_import_assistant_guess_profile (self);
  update_source_rows (self);
  pilote_import_assistant_mapping_changed (self);
}

/**
 * pilote_import_assistant_save_profile:
 *
 * Saves the mapping, with the way the file is written, as a profile that
 * pilote-cli and this assistant load.
 */
gboolean
pilote_import_assistant_save_profile (PiloteImportAssistant  *self,
                                      const char             *path,
                                      GError                **error)
{
  g_autoptr(PiloteImportProfile) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  PiloteCsvOptions *options;

  g_return_val_if_fail (PILOTE_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (path != NULL && self->profile != NULL, FALSE);

  /* the profile says how the file is written, as detected or chosen */
  copy = pilote_import_profile_copy (self->profile);
  options = pilote_import_profile_get_options (copy);
  if (options->delimiter == 0)
    options->delimiter = self->detected.delimiter;
  if (options->encoding == PILOTE_CSV_ENCODING_AUTO)
    options->encoding = self->detected.encoding;
  if (options->decimal == 0)
    options->decimal = self->detected.decimal;
  if (options->date_format == PILOTE_DATE_FORMAT_AUTO)
    options->date_format = self->detected.date_format;
  if (!pilote_import_profile_save (copy, path, &local_error))
    {
      pilote_import_assistant_show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_free (self->profile_path);
  self->profile_path = g_strdup (path);
  update_source_rows (self);
  return TRUE;
}

static void
save_response_cb (GtkNativeDialog       *dialog,
                  int                    response,
                  PiloteImportAssistant *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *chosen = g_file_get_path (file);
      g_autofree char *path = chosen != NULL && !g_str_has_suffix (chosen, ".ini")
                                ? g_strconcat (chosen, ".ini", NULL) : g_strdup (chosen);

      if (path != NULL && pilote_import_assistant_save_profile (self, path, NULL))
        {
          g_autofree char *name = g_path_get_basename (path);
          /* Translators: the profile's file name */
          g_autofree char *message = g_strdup_printf (_("The mapping was saved as “%s”."), name);

          adw_preferences_group_set_description (self->columns_group, message);
        }
    }
  g_object_unref (dialog);
}

static void
save_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->profile == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save the Mapping as a Profile"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog),
                               new_filter (_("Import profiles"), "*.ini", NULL));
  if (self->profile_path != NULL)
    name = g_path_get_basename (self->profile_path);
  else if (self->csv_path != NULL)
    {
      g_autofree char *base = g_path_get_basename (self->csv_path);
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      name = g_strconcat (base, ".ini", NULL);
    }
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Steps */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (widget);

  switch (pilote_import_assistant_get_step_index (self))
    {
    case PILOTE_IMPORT_STEP_SOURCE:
      if (self->csv_path != NULL)
        show_step (self, PILOTE_IMPORT_STEP_PREVIEW);
      break;
    case PILOTE_IMPORT_STEP_PREVIEW:
      show_step (self, PILOTE_IMPORT_STEP_MAPPING);
      break;
    case PILOTE_IMPORT_STEP_MAPPING:
      show_step (self, PILOTE_IMPORT_STEP_CHECK);
      pilote_import_assistant_start_check (self);
      break;
    case PILOTE_IMPORT_STEP_CHECK:
      if (self->state != PILOTE_IMPORT_FINE)
        break;
      show_step (self, PILOTE_IMPORT_STEP_IMPORT);
      pilote_import_assistant_start_import (self);
      break;
    case PILOTE_IMPORT_STEP_IMPORT:
    default:
      gtk_window_close (GTK_WINDOW (self));
      break;
    }
  pilote_import_assistant_update_buttons (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (widget);
  PiloteImportStep step = pilote_import_assistant_get_step_index (self);

  switch (step)
    {
    case PILOTE_IMPORT_STEP_SOURCE:
      gtk_window_close (GTK_WINDOW (self));
      return;
    case PILOTE_IMPORT_STEP_CHECK:
      pilote_import_assistant_stop (self);
      self->state = PILOTE_IMPORT_IDLE;
      show_step (self, PILOTE_IMPORT_STEP_MAPPING);
      break;
    case PILOTE_IMPORT_STEP_IMPORT:
      self->state = PILOTE_IMPORT_IDLE;
      show_step (self, PILOTE_IMPORT_STEP_MAPPING);
      break;
    case PILOTE_IMPORT_STEP_PREVIEW:
    case PILOTE_IMPORT_STEP_MAPPING:
    default:
      show_step (self, step - 1);
      break;
    }
  pilote_import_assistant_update_buttons (self);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (widget);

  gtk_window_present (GTK_WINDOW (pilote_import_history_new (GTK_WINDOW (self), self->store)));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  pilote_import_assistant_stop (PILOTE_IMPORT_ASSISTANT (widget));
}

static void
undo_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pilote_import_assistant_undo_import (PILOTE_IMPORT_ASSISTANT (widget));
}

/* Option drop-downs, reference and grouping */

static void
option_selected_cb (PiloteImportAssistant *self)
{
  if (!self->updating)
    pilote_import_assistant_option_changed (self);
}

static void
ref_selected_cb (PiloteImportAssistant *self)
{
  if (!self->updating)
    pilote_import_assistant_ref_changed (self);
}

static void
group_selected_cb (PiloteImportAssistant *self)
{
  if (!self->updating)
    pilote_import_assistant_group_changed (self);
}

/* Lifecycle */

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
pilote_import_assistant_close_request (GtkWindow *window)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (window);

  /* closing stops a check or an import: the import then writes nothing */
  pilote_import_assistant_stop (self);
  return GTK_WINDOW_CLASS (pilote_import_assistant_parent_class)->close_request (window);
}

static void
pilote_import_assistant_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (object);

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
pilote_import_assistant_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (object);

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
pilote_import_assistant_dispose (GObject *object)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (object);

  pilote_import_assistant_stop (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_IMPORT_ASSISTANT);
  g_clear_object (&self->store);
  g_clear_object (&self->rows);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->lookup_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (pilote_import_assistant_parent_class)->dispose (object);
}

static void
pilote_import_assistant_finalize (GObject *object)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (object);

  g_free (self->csv_path);
  g_free (self->profile_path);
  g_clear_pointer (&self->profile, pilote_import_profile_free);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  pilote_import_assistant_clear_progress (self);
  G_OBJECT_CLASS (pilote_import_assistant_parent_class)->finalize (object);
}

static void
pilote_import_assistant_class_init (PiloteImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pilote_import_assistant_get_property;
  object_class->set_property = pilote_import_assistant_set_property;
  object_class->dispose = pilote_import_assistant_dispose;
  object_class->finalize = pilote_import_assistant_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = pilote_import_assistant_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, error_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, file_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, entity_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, profile_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, profile_clear_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, decimal_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, date_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, notes_box);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, notes_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, preview_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, preview_view);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, mapping_page);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, columns_group);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, lookups_group);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, ref_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, group_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, check_stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, check_running_page);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, fine_page);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, problems_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, problems_view);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, check_failed_page);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, import_stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, import_running_page);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, done_page);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, undo_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteImportAssistant, stopped_page);
  gtk_widget_class_bind_template_callback (widget_class, step_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entity_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, option_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, ref_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);

  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.choose-file", NULL,
                                   choose_file_action);
  gtk_widget_class_install_action (widget_class, "assistant.load-profile", NULL,
                                   load_profile_action);
  gtk_widget_class_install_action (widget_class, "assistant.clear-profile", NULL,
                                   clear_profile_action);
  gtk_widget_class_install_action (widget_class, "assistant.save-profile", NULL,
                                   save_profile_action);
  gtk_widget_class_install_action (widget_class, "assistant.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "assistant.cancel-import", NULL,
                                   cancel_import_action);
  gtk_widget_class_install_action (widget_class, "assistant.undo-import", NULL,
                                   undo_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pilote_import_assistant_init (PiloteImportAssistant *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entity = entities[0].entity;
  self->profile = pilote_import_profile_new (self->entity);
  self->rows = g_list_store_new (PILOTE_TYPE_IMPORT_CELLS);
  self->problems = g_list_store_new (PILOTE_TYPE_IMPORT_CELLS);
  self->column_rows = g_ptr_array_new ();
  self->lookup_rows = g_ptr_array_new ();

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    gtk_string_list_append (labels, _(entities[i].label));
  adw_combo_row_set_model (self->entity_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->entity_row, 0);
  self->updating = FALSE;

  pilote_import_assistant_setup_preview (self);
  pilote_import_assistant_setup_problems (self);
  pilote_import_assistant_update_buttons (self);
}
