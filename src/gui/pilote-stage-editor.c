/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pilote-record.h"
#include "pilote-history-dialog.h"
#include "pilote-stage-editor.h"

/**
 * PiloteStageEditor:
 *
 * A preferences page listing the pipeline's stages in order: each can be
 * renamed, given a default probability and a kind, moved up or down, or
 * deleted when no deal uses it; "Add Stage" adds an open stage after the
 * last open one. Every change goes through the store with its version
 * check; a refusal or an error is shown as a toast of the preferences
 * window holding the page. The pipeline always keeps at least one open,
 * one won and one lost stage.
 */

struct _PiloteStageEditor
{
  AdwPreferencesPage   parent_instance;

  PiloteStore         *store;
  GPtrArray           *stages;   /* PiloteStage, in order */
  GPtrArray           *rows;     /* AdwEntryRow, one per stage */
  AdwPreferencesGroup *group;
  guint                reload_source;
};

G_DEFINE_FINAL_TYPE (PiloteStageEditor, pilote_stage_editor, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (PiloteStageEditor *self);

static void
show_message (PiloteStageEditor *self,
              const char        *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (escaped));
  else
    g_message ("%s", message);
}

static gboolean
reload_cb (gpointer user_data)
{
  PiloteStageEditor *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Shows the stages as they are in the file again, once the signal that
 * failed to change them has returned */
static void
reload_later (PiloteStageEditor *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_cb, self, NULL);
}

static void
fail (PiloteStageEditor *self,
      const GError      *error)
{
  show_message (self, error->message);
  reload_later (self);
}

static PiloteStage *
get_row_stage (PiloteStageEditor *self,
               GtkWidget         *widget,
               guint             *index)
{
  GtkWidget *row = ADW_IS_ENTRY_ROW (widget) ? widget
                                             : gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW);
  guint i;

  if (row != NULL && g_ptr_array_find (self->rows, row, &i))
    {
      if (index != NULL)
        *index = i;
      return g_ptr_array_index (self->stages, i);
    }
  return NULL;
}

static gboolean
find_stage (PiloteStageEditor *self,
            gint64             id,
            guint             *index)
{
  for (guint i = 0; i < self->stages->len; i++)
    {
      PiloteStage *stage = g_ptr_array_index (self->stages, i);

      if (stage->base.id == id)
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether the pipeline keeps an open, a won and a lost stage when the
 * stage at @index takes @kind (or goes away, when @kind is -1) */
static gboolean
check_kinds_remain (PiloteStageEditor *self,
                    guint              index,
                    int                kind)
{
  guint counts[3] = { 0, 0, 0 };

  for (guint i = 0; i < self->stages->len; i++)
    {
      PiloteStage *stage = g_ptr_array_index (self->stages, i);
      int k = i == index ? kind : (int) stage->kind;

      if (k >= 0 && k < 3)
        counts[k]++;
    }
  if (counts[PILOTE_STAGE_KIND_OPEN] > 0 && counts[PILOTE_STAGE_KIND_WON] > 0
      && counts[PILOTE_STAGE_KIND_LOST] > 0)
    return TRUE;

  show_message (self, _("The pipeline needs at least one open, one won and one lost stage: "
                        "add another stage of that kind first."));
  return FALSE;
}

/* Writes @stage (a copy of the stage at @index, changed) and keeps what
 * the file now holds, with its new version */
static gboolean
update_stage (PiloteStageEditor *self,
              guint              index,
              PiloteStage       *stage)
{
  g_autoptr(GError) error = NULL;
  PiloteStage *stored;

  if (!pilote_store_update (self->store, stage, &error))
    {
      fail (self, error);
      return FALSE;
    }
  stored = pilote_store_get_stage (self->store, stage->base.id, &error);
  if (stored == NULL)
    {
      fail (self, error);
      return FALSE;
    }
  pilote_stage_free (g_ptr_array_index (self->stages, index));
  g_ptr_array_index (self->stages, index) = stored;
  return TRUE;
}

/* Gives each stage of @order its place (1, 2…), in one transaction;
 * @added, when not %NULL, is inserted at its place */
static gboolean
write_positions (PiloteStageEditor *self,
                 GPtrArray         *order,
                 PiloteStage       *added,
                 GError           **error)
{
  if (!pilote_store_begin_write (self->store, error))
    return FALSE;

  for (guint i = 0; i < order->len; i++)
    {
      PiloteStage *stage = g_ptr_array_index (order, i);
      gboolean ok;

      if (stage == added)
        {
          stage->position = i + 1;
          ok = pilote_store_insert (self->store, stage, error);
        }
      else if (stage->position != (gint64) i + 1)
        {
          g_autoptr(PiloteStage) copy = pilote_record_copy (stage);

          copy->position = i + 1;
          ok = pilote_store_update (self->store, copy, error);
        }
      else
        ok = TRUE;

      if (!ok)
        {
          pilote_store_rollback (self->store);
          return FALSE;
        }
    }
  return pilote_store_commit (self->store, error);
}

static void
name_applied_cb (AdwEntryRow       *row,
                 PiloteStageEditor *self)
{
  PiloteStage *stage = get_row_stage (self, GTK_WIDGET (row), NULL);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(PiloteStage) copy = NULL;
  guint index;

  if (stage == NULL || g_strcmp0 (name, stage->name) == 0)
    return;
  get_row_stage (self, GTK_WIDGET (row), &index);
  if (name[0] == '\0')
    {
      show_message (self, _("A stage needs a name: type one, then press Enter."));
      reload_later (self);
      return;
    }

  copy = pilote_record_copy (stage);
  g_free (copy->name);
  copy->name = g_steal_pointer (&name);
  update_stage (self, index, copy);
}

static void
probability_changed_cb (GtkSpinButton     *spin,
                        PiloteStageEditor *self)
{
  guint index;
  PiloteStage *stage = get_row_stage (self, GTK_WIDGET (spin), &index);
  g_autoptr(PiloteStage) copy = NULL;
  double probability = gtk_spin_button_get_value (spin) / 100.0;

  if (stage == NULL || fabs (probability - stage->probability) < 0.00001)
    return;

  copy = pilote_record_copy (stage);
  copy->probability = probability;
  update_stage (self, index, copy);
}

static void
kind_changed_cb (GtkDropDown       *drop_down,
                 GParamSpec        *pspec,
                 PiloteStageEditor *self)
{
  guint index;
  PiloteStage *stage = get_row_stage (self, GTK_WIDGET (drop_down), &index);
  guint kind = gtk_drop_down_get_selected (drop_down);
  g_autoptr(PiloteStage) copy = NULL;

  if (stage == NULL || kind > PILOTE_STAGE_KIND_LOST || kind == (guint) stage->kind)
    return;
  if (!check_kinds_remain (self, index, (int) kind))
    {
      reload_later (self);
      return;
    }

  copy = pilote_record_copy (stage);
  copy->kind = kind;
  update_stage (self, index, copy);
}

/* A button of a row; without an action when it cannot apply there (the
 * action would make it sensitive again) */
static GtkWidget *
create_button (const char *icon_name,
               const char *tooltip,
               const char *action_name,
               gint64      id,
               gboolean    applies)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  if (applies)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
    }
  else
    gtk_widget_set_sensitive (button, FALSE);
  return button;
}

static GtkWidget *
create_row (PiloteStageEditor *self,
            guint              index)
{
  const char * const kinds[] = {
    NC_("stage kind", "Open"), NC_("stage kind", "Won"), NC_("stage kind", "Lost"), NULL
  };
  PiloteStage *stage = g_ptr_array_index (self->stages, index);
  g_autofree char *title = g_strdup_printf (_("Stage %u"), index + 1);
  g_autofree char *widget_name = g_strdup_printf ("stage-%" G_GINT64_FORMAT, stage->base.id);
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *spin;
  GtkWidget *label;
  GtkWidget *drop_down;
  GtkWidget *button;

  gtk_widget_set_name (row, widget_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), stage->name);
  g_signal_connect_object (row, "apply", G_CALLBACK (name_applied_cb), self, 0);

  spin = gtk_spin_button_new_with_range (0, 100, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), round (stage->probability * 100.0));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, _("Default probability of winning a deal at this stage"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Probability"), -1);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (probability_changed_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), spin);
  label = gtk_label_new ("%");
  gtk_widget_add_css_class (label, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (kind_names, g_dpgettext2 (NULL, "stage kind", kinds[i]));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kind_names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), stage->kind);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (drop_down, _("Whether deals at this stage are open, won or lost"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kind"), -1);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (kind_changed_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), drop_down);

  button = create_button ("go-up-symbolic", _("Move Up"), "stages.move-up", stage->base.id,
                          index > 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  button = create_button ("go-down-symbolic", _("Move Down"), "stages.move-down", stage->base.id,
                          index + 1 < self->stages->len);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  button = create_button ("document-open-recent-symbolic", _("History of the Stage"),
                          "stages.history", stage->base.id, TRUE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  button = create_button ("user-trash-symbolic", _("Delete Stage"), "stages.delete", stage->base.id,
                          TRUE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  return row;
}

static void
reload (PiloteStageEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  gboolean writable;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->stages, 0);

  if (self->store == NULL)
    return;

  stages = pilote_store_list (self->store, PILOTE_ENTITY_STAGE, NULL, &error);
  if (stages == NULL)
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < stages->len; i++)
    g_ptr_array_add (self->stages, pilote_record_copy (g_ptr_array_index (stages, i)));

  for (guint i = 0; i < self->stages->len; i++)
    {
      GtkWidget *row = create_row (self, i);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->group, row);
    }

  writable = !pilote_store_is_read_only (self->store);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), writable);
  adw_preferences_group_set_description (self->group,
                                         writable ? _("Deals move through the stages in this order. "
                                                      "The probability is the default chance of "
                                                      "winning a deal at that stage.")
                                                  : _("This file is open read-only: "
                                                      "the stages cannot be changed."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stages.add", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stages.move-up", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stages.move-down", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stages.delete", writable);
}

/* The stages in order, borrowed */
static GPtrArray *
copy_order (PiloteStageEditor *self)
{
  GPtrArray *order = g_ptr_array_sized_new (self->stages->len + 1);

  for (guint i = 0; i < self->stages->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->stages, i));
  return order;
}

static void
move_stage (PiloteStageEditor *self,
            gint64             id,
            int                offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) order = NULL;
  guint index;
  guint other;
  gpointer swap;

  if (!find_stage (self, id, &index))
    return;
  if ((offset < 0 && index == 0) || (offset > 0 && index + 1 >= self->stages->len))
    return;
  other = index + offset;

  order = copy_order (self);
  swap = order->pdata[index];
  order->pdata[index] = order->pdata[other];
  order->pdata[other] = swap;

  if (!write_positions (self, order, NULL, &error))
    show_message (self, error->message);
  reload (self);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_stage (PILOTE_STAGE_EDITOR (widget), g_variant_get_int64 (parameter), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_stage (PILOTE_STAGE_EDITOR (widget), g_variant_get_int64 (parameter), 1);
}

/* who changed the stage, what and when */
static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteStageEditor *self = PILOTE_STAGE_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  PiloteHistoryDialog *dialog;
  GtkRoot *root;
  guint index;

  if (!find_stage (self, id, &index))
    return;
  root = gtk_widget_get_root (widget);
  dialog = pilote_history_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, PILOTE_ENTITY_STAGE, id,
                                      ((PiloteStage *) g_ptr_array_index (self->stages,
                                                                          index))->name);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PiloteStageEditor *self = PILOTE_STAGE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  PiloteFilter filter = { "stage_id", PILOTE_OP_EQ, NULL, g_variant_get_int64 (parameter) };
  PiloteQuery query = { .filters = &filter, .n_filters = 1 };
  PiloteStage *stage;
  guint index;
  gint64 n_deals;

  if (!find_stage (self, filter.number, &index))
    return;
  stage = g_ptr_array_index (self->stages, index);

  n_deals = pilote_store_count (self->store, PILOTE_ENTITY_DEAL, &query, &error);
  if (n_deals < 0 || error != NULL)
    {
      show_message (self, error != NULL ? error->message : _("The deals could not be counted."));
      return;
    }
  if (n_deals > 0)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("“%s” cannot be deleted: %d deal is at this stage. "
                                   "Move it to another stage first.",
                                   "“%s” cannot be deleted: %d deals are at this stage. "
                                   "Move them to another stage first.",
                                   (gulong) MIN (n_deals, G_MAXINT)),
                         stage->name, (int) MIN (n_deals, G_MAXINT));

      show_message (self, message);
      return;
    }
  if (!check_kinds_remain (self, index, -1))
    return;

  if (!pilote_store_delete (self->store, PILOTE_ENTITY_STAGE, stage->base.id,
                            stage->base.version, &error))
    show_message (self, error->message);
  reload (self);
}

static char *
make_new_name (PiloteStageEditor *self)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (_("New Stage"))
                                     : g_strdup_printf (_("New Stage %u"), n);
      g_autoptr(PiloteStage) same = pilote_store_find_by_name (self->store, PILOTE_ENTITY_STAGE,
                                                               name, NULL);

      if (same == NULL)
        return g_steal_pointer (&name);
    }
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PiloteStageEditor *self = PILOTE_STAGE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) order = copy_order (self);
  g_autoptr(PiloteStage) added = pilote_stage_new ();
  guint place = 0;

  /* after the last open stage, with its probability */
  added->probability = 0.5;
  for (guint i = 0; i < self->stages->len; i++)
    {
      PiloteStage *stage = g_ptr_array_index (self->stages, i);

      if (stage->kind == PILOTE_STAGE_KIND_OPEN)
        {
          place = i + 1;
          added->probability = stage->probability;
        }
    }
  added->name = make_new_name (self);
  added->kind = PILOTE_STAGE_KIND_OPEN;
  g_ptr_array_insert (order, place, added);

  if (!write_positions (self, order, added, &error))
    {
      show_message (self, error->message);
      reload (self);
      return;
    }
  reload (self);
  if (find_stage (self, added->base.id, &place))
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, place));
}

static void
pilote_stage_editor_dispose (GObject *object)
{
  PiloteStageEditor *self = PILOTE_STAGE_EDITOR (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pilote_stage_editor_parent_class)->dispose (object);
}

static void
pilote_stage_editor_finalize (GObject *object)
{
  PiloteStageEditor *self = PILOTE_STAGE_EDITOR (object);

  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pilote_stage_editor_parent_class)->finalize (object);
}

static void
pilote_stage_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PiloteStageEditor *self = PILOTE_STAGE_EDITOR (object);

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
pilote_stage_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PiloteStageEditor *self = PILOTE_STAGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      reload (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_stage_editor_class_init (PiloteStageEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_stage_editor_dispose;
  object_class->finalize = pilote_stage_editor_finalize;
  object_class->get_property = pilote_stage_editor_get_property;
  object_class->set_property = pilote_stage_editor_set_property;

  /**
   * PiloteStageEditor:store:
   *
   * The file whose stages are edited.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "stages.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "stages.move-up", "x", move_up_action);
  gtk_widget_class_install_action (widget_class, "stages.move-down", "x", move_down_action);
  gtk_widget_class_install_action (widget_class, "stages.history", "x", history_action);
  gtk_widget_class_install_action (widget_class, "stages.delete", "x", delete_action);
}

static void
pilote_stage_editor_init (PiloteStageEditor *self)
{
  GtkWidget *add_button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  self->stages = g_ptr_array_new_with_free_func (pilote_record_free);
  self->rows = g_ptr_array_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Stages"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "view-list-symbolic");

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Pipeline Stages"));

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Stage"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (add_button), content);
  gtk_widget_add_css_class (add_button, "flat");
  gtk_widget_set_valign (add_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "stages.add");
  adw_preferences_group_set_header_suffix (self->group, add_button);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);
}

/**
 * pilote_stage_editor_new:
 * @store: the file whose stages to edit
 *
 * Returns: (transfer floating): a page for a preferences window
 */
GtkWidget *
pilote_stage_editor_new (PiloteStore *store)
{
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  return g_object_new (PILOTE_TYPE_STAGE_EDITOR, "store", store, NULL);
}

PiloteStore *
pilote_stage_editor_get_store (PiloteStageEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_STAGE_EDITOR (self), NULL);

  return self->store;
}
