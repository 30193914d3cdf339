/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "pilote-error.h"
#include "pilote-money.h"
#include "pilote-plan-common.h"
#include "pilote-history-dialog.h"
#include "pilote-plan.h"
#include "pilote-record-editor.h"
#include "pilote-swot-page-private.h"

/*
 * The SWOT of a market for a year, and the competition of the period.
 * Items of a quadrant keep the order their positions give; moving one
 * (drag and drop onto another item, or the move buttons) numbers the
 * quadrant again in one transaction. The competitors' figures come from
 * the KPI engine, computed in a worker thread on a read-only connection.
 */

G_DEFINE_FINAL_TYPE (PiloteSwotPage, pilote_swot_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PERIOD_KIND,
  PROP_PERIOD_START,
  PROP_SCOPE_KIND,
  PROP_SCOPE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_items (PiloteSwotPage *self);

static const char *
quadrant_title (PiloteQuadrant quadrant)
{
  switch (quadrant)
    {
    case PILOTE_QUADRANT_STRENGTH:
      return _("Strengths");
    case PILOTE_QUADRANT_WEAKNESS:
      return _("Weaknesses");
    case PILOTE_QUADRANT_OPPORTUNITY:
      return _("Opportunities");
    case PILOTE_QUADRANT_THREAT:
    default:
      return _("Threats");
    }
}

static const char *
quadrant_add_label (PiloteQuadrant quadrant)
{
  switch (quadrant)
    {
    case PILOTE_QUADRANT_STRENGTH:
      return _("Add a strength");
    case PILOTE_QUADRANT_WEAKNESS:
      return _("Add a weakness");
    case PILOTE_QUADRANT_OPPORTUNITY:
      return _("Add an opportunity");
    case PILOTE_QUADRANT_THREAT:
    default:
      return _("Add a threat");
    }
}

static const char *
quadrant_style (PiloteQuadrant quadrant)
{
  switch (quadrant)
    {
    case PILOTE_QUADRANT_STRENGTH:
      return "success";
    case PILOTE_QUADRANT_WEAKNESS:
      return "warning";
    case PILOTE_QUADRANT_OPPORTUNITY:
      return "accent";
    case PILOTE_QUADRANT_THREAT:
    default:
      return "error";
    }
}

static const PiloteSwotItem *
find_item (PiloteSwotPage *self,
           gint64          item_id)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      const PiloteSwotItem *item = g_ptr_array_index (self->items, i);

      if (item->base.id == item_id)
        return item;
    }
  return NULL;
}

/* index of an item in its quadrant, and the quadrant's size */
static guint
item_index (PiloteSwotPage       *self,
            const PiloteSwotItem *item,
            guint                *n_items)
{
  guint index = 0, n = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      const PiloteSwotItem *other = g_ptr_array_index (self->items, i);

      if (other->quadrant != item->quadrant)
        continue;
      if (other->base.id == item->base.id)
        index = n;
      n++;
    }
  if (n_items != NULL)
    *n_items = n;
  return index;
}

gboolean
pilote_swot_page_writable (PiloteSwotPage *self)
{
  return self->store != NULL && self->period_valid && !pilote_store_is_read_only (self->store);
}

/* Items */

static GdkContentProvider *
on_item_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         gpointer       user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  gint64 *id = g_object_get_data (G_OBJECT (row), "item-id");

  return id != NULL ? gdk_content_provider_new_typed (G_TYPE_INT64, *id) : NULL;
}

static void
on_item_drag_begin_cb (GtkDragSource *source,
                       GdkDrag       *drag,
                       gpointer       user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);
  g_autoptr(GdkPaintable) icon = gdk_paintable_get_current_image (paintable);

  gtk_drag_source_set_icon (source, icon, gtk_widget_get_width (row) / 2, 12);
  gtk_widget_set_opacity (row, 0.4);
}

static void
on_item_drag_end_cb (GtkDragSource *source,
                     GdkDrag       *drag,
                     gboolean       delete_data,
                     gpointer       user_data)
{
  gtk_widget_set_opacity (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)), 1.0);
}

/* An item dropped on another of the same quadrant takes its place */
static gboolean
on_item_drop_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (gtk_widget_get_ancestor (row, PILOTE_TYPE_SWOT_PAGE));
  gint64 *target_id = g_object_get_data (G_OBJECT (row), "item-id");
  const PiloteSwotItem *moved = find_item (self, g_value_get_int64 (value));
  const PiloteSwotItem *onto = target_id != NULL ? find_item (self, *target_id) : NULL;
  g_autoptr(GError) error = NULL;
  int delta;

  if (moved == NULL || onto == NULL || moved == onto || moved->quadrant != onto->quadrant)
    return FALSE;
  delta = (int) item_index (self, onto, NULL) - (int) item_index (self, moved, NULL);
  if (!pilote_swot_page_move_item (self, moved->base.id, delta, &error))
    {
      pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Move the Item"), error->message);
      return FALSE;
    }
  return TRUE;
}

static GdkDragAction
on_item_drop_enter_cb (GtkDropTarget *target,
                       double         x,
                       double         y,
                       gpointer       user_data)
{
  return GDK_ACTION_MOVE;
}

static GtkWidget *
icon_button_new (const char *icon,
                 const char *tooltip,
                 const char *action,
                 GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  if (action != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
    }
  else
    g_variant_unref (g_variant_ref_sink (target));
  return button;
}

static GtkWidget *
item_row_new (PiloteSwotPage       *self,
              const PiloteSwotItem *item,
              guint                 index,
              guint                 n_items)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (item->text);
  GtkWidget *up, *down, *menu_button;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);
  g_autoptr(GMenuItem) history = g_menu_item_new (_("_History…"), NULL);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  gboolean can_write = pilote_swot_page_writable (self);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  g_object_set (label, "margin-start", 12, "margin-top", 10, "margin-bottom", 10,
                "margin-end", 6, NULL);
  gtk_box_append (GTK_BOX (box), label);

  /* an arrow that cannot move the item has no action (an action would make it sensitive) */
  up = icon_button_new ("go-up-symbolic", _("Move up"),
                        can_write && index > 0 ? "swot.move-item" : NULL,
                        g_variant_new ("(xi)", item->base.id, -1));
  down = icon_button_new ("go-down-symbolic", _("Move down"),
                          can_write && index + 1 < n_items ? "swot.move-item" : NULL,
                          g_variant_new ("(xi)", item->base.id, 1));
  gtk_widget_set_sensitive (up, can_write && index > 0);
  gtk_widget_set_sensitive (down, can_write && index + 1 < n_items);
  gtk_box_append (GTK_BOX (box), up);
  gtk_box_append (GTK_BOX (box), down);

  g_menu_item_set_action_and_target_value (edit, "swot.edit-item",
                                           g_variant_new_int64 (item->base.id));
  g_menu_item_set_action_and_target_value (delete, "swot.delete-item",
                                           g_variant_new_int64 (item->base.id));
  g_menu_item_set_action_and_target_value (history, "swot.item-history",
                                           g_variant_new_int64 (item->base.id));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, delete);
  g_menu_append_item (menu, history);
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (menu_button, 6);
  gtk_widget_set_tooltip_text (menu_button, _("Edit or delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Edit or delete"), -1);
  gtk_widget_set_sensitive (menu_button, can_write);
  gtk_box_append (GTK_BOX (box), menu_button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), can_write);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item->text, -1);
  g_object_set_data_full (G_OBJECT (row), "item-id",
                          g_memdup2 (&item->base.id, sizeof (gint64)), g_free);

  if (can_write)
    {
      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_signal_connect (source, "prepare", G_CALLBACK (on_item_drag_prepare_cb), NULL);
      g_signal_connect (source, "drag-begin", G_CALLBACK (on_item_drag_begin_cb), NULL);
      g_signal_connect (source, "drag-end", G_CALLBACK (on_item_drag_end_cb), NULL);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
      g_signal_connect (target, "enter", G_CALLBACK (on_item_drop_enter_cb), NULL);
      g_signal_connect (target, "drop", G_CALLBACK (on_item_drop_cb), NULL);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
    }
  else
    {
      g_object_unref (g_object_ref_sink (source));
      g_object_unref (g_object_ref_sink (target));
    }
  return row;
}

void
pilote_swot_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (list, child);
}

static void
show_items (PiloteSwotPage *self)
{
  guint counts[N_QUADRANTS] = { 0 };
  guint seen[N_QUADRANTS] = { 0 };

  for (guint q = 0; q < N_QUADRANTS; q++)
    {
      pilote_swot_page_clear_list (self->quadrants[q].list);
      gtk_widget_set_sensitive (self->quadrants[q].add_button, pilote_swot_page_writable (self));
    }
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    counts[((PiloteSwotItem *) g_ptr_array_index (self->items, i))->quadrant % N_QUADRANTS]++;
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      const PiloteSwotItem *item = g_ptr_array_index (self->items, i);
      guint q = item->quadrant % N_QUADRANTS;

      gtk_list_box_append (self->quadrants[q].list,
                           item_row_new (self, item, seen[q], counts[q]));
      seen[q]++;
    }
}

static void
on_item_activated_cb (GtkListBox     *list,
                      GtkListBoxRow  *row,
                      PiloteSwotPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "item-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "swot.edit-item", "x", *id);
}

static void
build_quadrants (PiloteSwotPage *self)
{
  for (guint q = 0; q < N_QUADRANTS; q++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *title = gtk_label_new (quadrant_title (q));
      GtkWidget *placeholder = gtk_label_new (_("Nothing written yet"));
      Quadrant *quadrant = &self->quadrants[q];

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_add_css_class (title, "heading");
      gtk_widget_add_css_class (title, quadrant_style (q));
      gtk_widget_set_margin_start (title, 6);
      quadrant->add_button = icon_button_new ("list-add-symbolic", quadrant_add_label (q),
                                              "swot.add-item", g_variant_new_int32 (q));
      gtk_box_append (GTK_BOX (header), title);
      gtk_box_append (GTK_BOX (header), quadrant->add_button);
      gtk_box_append (GTK_BOX (box), header);

      quadrant->list = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (quadrant->list, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (quadrant->list), "boxed-list");
      gtk_widget_add_css_class (placeholder, "dim-label");
      g_object_set (placeholder, "margin-top", 14, "margin-bottom", 14, NULL);
      gtk_list_box_set_placeholder (quadrant->list, placeholder);
      gtk_accessible_update_property (GTK_ACCESSIBLE (quadrant->list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, quadrant_title (q), -1);
      g_signal_connect (quadrant->list, "row-activated", G_CALLBACK (on_item_activated_cb), self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (quadrant->list));
      gtk_widget_set_valign (box, GTK_ALIGN_START);
      gtk_widget_set_hexpand (box, TRUE);
      /* two quadrants a line when they fit */
      gtk_widget_set_size_request (box, 300, -1);
      gtk_flow_box_append (self->quadrants_box, box);
      gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
    }
}

/* Markets */

static void
fill_markets (PiloteSwotPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_auto(GStrv) markets = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = 0;
  gboolean current_listed = self->market == NULL;

  /* the items that name no market: the SWOT of the whole company */
  gtk_string_list_append (names, _("Company-wide"));
  if (self->store != NULL && self->period_valid)
    {
      markets = pilote_plan_list_markets (self->store, self->swot_start, &error);
      if (markets == NULL)
        g_warning ("Could not list the markets: %s", error->message);
    }
  for (guint i = 0; markets != NULL && markets[i] != NULL; i++)
    {
      gtk_string_list_append (names, markets[i]);
      if (g_strcmp0 (markets[i], self->market) == 0)
        {
          selected = i + 1;
          current_listed = TRUE;
        }
    }
  /* a market just named has no item yet */
  if (!current_listed)
    {
      gtk_string_list_append (names, self->market);
      selected = g_list_model_get_n_items (G_LIST_MODEL (names)) - 1;
    }
  self->filling_markets = TRUE;
  gtk_drop_down_set_model (self->market_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->market_dropdown, selected);
  self->filling_markets = FALSE;
}

static void
on_market_selected_cb (GtkDropDown    *dropdown,
                       GParamSpec     *pspec,
                       PiloteSwotPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GtkStringObject *item;

  if (self->filling_markets)
    return;
  item = gtk_drop_down_get_selected_item (dropdown);
  g_free (self->market);
  self->market = selected > 0 && item != NULL ? g_strdup (gtk_string_object_get_string (item))
                                              : NULL;
  load_items (self);
}

/* Loading */

void
pilote_swot_page_emit_loaded (PiloteSwotPage *self)
{
  g_signal_emit (self, signals[LOADED], 0);
}


static void
load_items (PiloteSwotPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (self->store != NULL && self->period_valid)
    {
      self->items = pilote_plan_list_swot (self->store, self->market, self->swot_start, &error);
      if (self->items == NULL)
        g_warning ("Could not read the SWOT: %s", error->message);
    }
  show_items (self);
}

/**
 * pilote_swot_page_reload:
 *
 * Reads the SWOT and the competition again.
 */
void
pilote_swot_page_reload (PiloteSwotPage *self)
{
  g_return_if_fail (PILOTE_IS_SWOT_PAGE (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  self->period_valid = pilote_plan_read_period (self->store, self->period_kind, self->period_start,
                                                &self->period);
  if (self->period_valid)
    {
      PilotePeriod year;
      g_autofree char *year_text = NULL;
      g_autofree char *title = NULL;
      g_autofree char *when = pilote_period_describe (&self->period);
      g_autofree char *hint = NULL;

      pilote_plan_swot_period (&self->period, self->swot_start);
      pilote_period_init_containing (&year, PILOTE_PERIOD_YEAR, &self->period.from,
                                     self->period.fiscal_start);
      year_text = pilote_period_describe (&year);
      /* Translators: the SWOT of a year ("SWOT 2026") */
      title = g_strdup_printf (_("SWOT %s"), year_text);
      gtk_label_set_text (self->swot_title, title);
      gtk_label_set_text (self->swot_hint,
                          _("Strengths and weaknesses of the company, opportunities and threats "
                            "of its market, for the year. Drag an item, or use its arrows, to "
                            "put the most important first."));
      /* Translators: the period the competitors' figures are counted over */
      hint = g_strdup_printf (_("Deals that named a competitor, in play during %s; lost amounts "
                                "of the deals lost in it."), when);
      g_object_set_data_full (G_OBJECT (self->competition_hint), "period-hint",
                              g_steal_pointer (&hint), g_free);
    }
  else
    {
      gtk_label_set_text (self->swot_title, _("SWOT"));
      gtk_label_set_text (self->swot_hint, "");
      g_object_set_data (G_OBJECT (self->competition_hint), "period-hint", NULL);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "swot.new-market", pilote_swot_page_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "swot.add-competitor", pilote_swot_page_writable (self));
  fill_markets (self);
  if (self->market == NULL && self->period_valid)
    {
      /* open the first market that has a SWOT */
      GListModel *model = gtk_drop_down_get_model (self->market_dropdown);

      /* on_market_selected_cb loads its items */
      if (g_list_model_get_n_items (model) > 1)
        gtk_drop_down_set_selected (self->market_dropdown, 1);
      else
        load_items (self);
    }
  else
    load_items (self);
  pilote_swot_page_load_competitors (self);
}

static gboolean
on_reload_idle_cb (gpointer user_data)
{
  PiloteSwotPage *self = user_data;

  self->reload_idle = 0;
  pilote_swot_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (PiloteSwotPage *self)
{
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_reload_idle_cb, self, NULL);
}

/* Editing */

/**
 * pilote_swot_page_add_item:
 *
 * Adds an item at the end of a quadrant of the SWOT shown.
 */
gboolean
pilote_swot_page_add_item (PiloteSwotPage  *self,
                           PiloteQuadrant   quadrant,
                           const char      *text,
                           GError         **error)
{
  g_autoptr(PiloteSwotItem) item = NULL;

  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), FALSE);
  g_return_val_if_fail (quadrant < N_QUADRANTS, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!pilote_swot_page_writable (self))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_READ_ONLY,
                   _("This file is open read-only: the SWOT cannot be changed."));
      return FALSE;
    }
  item = pilote_swot_item_new ();
  item->market = g_strdup (self->market);
  item->period_start = g_strdup (self->swot_start);
  item->quadrant = quadrant;
  item->text = g_strstrip (g_strdup (text));
  if (!pilote_plan_add_swot_item (self->store, item, error))
    return FALSE;
  load_items (self);
  return TRUE;
}

/**
 * pilote_swot_page_move_item:
 * @delta: how many places to move the item (negative: up)
 *
 * Moves an item within its quadrant, as the arrows and drag and drop do.
 */
gboolean
pilote_swot_page_move_item (PiloteSwotPage  *self,
                            gint64           item_id,
                            int              delta,
                            GError         **error)
{
  const PiloteSwotItem *item;
  int index;
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), FALSE);

  item = find_item (self, item_id);
  if (item == NULL || !pilote_swot_page_writable (self))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                   _("This item is not in the SWOT any more."));
      return FALSE;
    }
  index = MAX (0, (int) item_index (self, item, NULL) + delta);
  ok = pilote_plan_move_swot_item (self->store, item, index, error);
  load_items (self);
  return ok;
}

static void
on_undo_clicked_cb (AdwToast       *toast,
                    PiloteSwotPage *self)
{
  pilote_swot_page_undo_delete (self);
}

gboolean
pilote_swot_page_delete_item (PiloteSwotPage  *self,
                              gint64           item_id,
                              GError         **error)
{
  const PiloteSwotItem *item;
  AdwToast *toast;

  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), FALSE);

  item = find_item (self, item_id);
  if (item == NULL || self->store == NULL)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                   _("This item is not in the SWOT any more."));
      return FALSE;
    }
  if (!pilote_store_delete (self->store, PILOTE_ENTITY_SWOT_ITEM, item_id, item->base.version,
                            error))
    {
      load_items (self);
      return FALSE;
    }
  self->undo_item_id = item_id;
  self->undo_competitor_id = 0;
  toast = pilote_plan_show_toast (GTK_WIDGET (self), _("SWOT item deleted"), TRUE);
  if (toast != NULL)
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  load_items (self);
  return TRUE;
}

/**
 * pilote_swot_page_undo_delete:
 *
 * Brings back the item or competitor of the last deletion toast.
 */
void
pilote_swot_page_undo_delete (PiloteSwotPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_return_if_fail (PILOTE_IS_SWOT_PAGE (self));

  if (self->store == NULL)
    return;
  if (self->undo_item_id != 0)
    ok = pilote_store_restore (self->store, PILOTE_ENTITY_SWOT_ITEM, self->undo_item_id, &error);
  else if (self->undo_competitor_id != 0)
    ok = pilote_store_restore (self->store, PILOTE_ENTITY_COMPETITOR, self->undo_competitor_id,
                               &error);
  if (!ok)
    pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Undo"), error->message);
  self->undo_item_id = self->undo_competitor_id = 0;
  load_items (self);
  pilote_swot_page_load_competitors (self);
}

static void
added_item_cb (GtkWidget  *widget,
               const char *text,
               gpointer    user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pilote_swot_page_add_item (PILOTE_SWOT_PAGE (widget), GPOINTER_TO_INT (user_data), text,
                                  &error))
    pilote_plan_show_error (widget, _("Could Not Add the Item"), error->message);
}

static void
add_item_activated_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  int quadrant = g_variant_get_int32 (parameter);

  if (quadrant < 0 || quadrant >= N_QUADRANTS)
    return;
  pilote_plan_ask_text (widget, quadrant_add_label (quadrant), NULL, NULL, _("_Add"),
                        added_item_cb, GINT_TO_POINTER (quadrant));
}

static void
on_item_resolved_cb (gpointer      owner,
                     const char   *response,
                     const GError *error)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (owner);

  if (error != NULL)
    pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Change the Item"), error->message);
  load_items (self);
}

static void
edited_item_cb (GtkWidget  *widget,
                const char *text,
                gpointer    user_data)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (widget);
  gint64 item_id = *(gint64 *) user_data;
  const PiloteSwotItem *seen = find_item (self, item_id);
  g_autoptr(PiloteSwotItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_free (user_data);
  if (seen == NULL || self->store == NULL)
    return;
  item = pilote_record_copy (seen);
  g_free (item->text);
  item->text = g_strdup (text);
  if (!pilote_store_update (self->store, item, &error))
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      /* someone else changed it meanwhile: theirs, mine and the original, to choose */
      if (!g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT) ||
          pilote_record_resolve_conflict (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          self->store, seen, item, quadrant_title (item->quadrant),
                                          on_item_resolved_cb, self) == NULL)
        pilote_plan_show_error (widget, _("Could Not Change the Item"), error->message);
    }
  load_items (self);
}

static void
edit_item_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (widget);
  gint64 item_id = g_variant_get_int64 (parameter);
  const PiloteSwotItem *item = find_item (self, item_id);

  if (item == NULL || !pilote_swot_page_writable (self))
    return;
  pilote_plan_ask_text (widget, _("Edit the Item"), quadrant_title (item->quadrant), item->text,
                        _("_Save"), edited_item_cb, g_memdup2 (&item_id, sizeof item_id));
}

static void
on_item_deleted_cb (gpointer      owner,
                    gint64        item_id,
                    gboolean      deleted,
                    const GError *error)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (owner);
  AdwToast *toast;

  if (!deleted)
    {
      if (error != NULL)
        pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Delete the Item"),
                                error->message);
      load_items (self);
      return;
    }
  self->undo_item_id = item_id;
  self->undo_competitor_id = 0;
  toast = pilote_plan_show_toast (GTK_WIDGET (self), _("SWOT item deleted"), TRUE);
  if (toast != NULL)
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  load_items (self);
}

/* deleting an item someone else changed since the page read it asks first */
static void
delete_item_activated_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (widget);
  const PiloteSwotItem *item = find_item (self, g_variant_get_int64 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);

  if (item == NULL || self->store == NULL)
    {
      pilote_plan_show_error (widget, _("Could Not Delete the Item"),
                              _("This item is not in the SWOT any more."));
      return;
    }
  pilote_record_delete_checked (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                item, item->text, on_item_deleted_cb, self);
}

static void
item_history_activated_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (widget);
  const PiloteSwotItem *item = find_item (self, g_variant_get_int64 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  PiloteHistoryDialog *dialog;

  if (item == NULL || self->store == NULL)
    return;
  dialog = pilote_history_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, PILOTE_ENTITY_SWOT_ITEM, item->base.id,
                                      item->text);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_item_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;
  gint64 item_id;
  int delta;

  g_variant_get (parameter, "(xi)", &item_id, &delta);
  if (!pilote_swot_page_move_item (PILOTE_SWOT_PAGE (widget), item_id, delta, &error))
    pilote_plan_show_error (widget, _("Could Not Move the Item"), error->message);
  else
    {
      /* keep the keyboard on the item that moved */
      PiloteSwotPage *self = PILOTE_SWOT_PAGE (widget);
      const PiloteSwotItem *item = find_item (self, item_id);

      if (item != NULL)
        {
          GtkListBoxRow *row;

          row = gtk_list_box_get_row_at_index (self->quadrants[item->quadrant % N_QUADRANTS].list,
                                               item_index (self, item, NULL));
          if (row != NULL)
            gtk_widget_grab_focus (GTK_WIDGET (row));
        }
    }
}

static void
new_market_cb (GtkWidget  *widget,
               const char *text,
               gpointer    user_data)
{
  pilote_swot_page_set_market (PILOTE_SWOT_PAGE (widget), text);
}

static void
new_market_activated_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  pilote_plan_ask_text (widget, _("New Market"),
                        _("A market, a region or a segment with its own SWOT."),
                        NULL, _("_Create"), new_market_cb, NULL);
}

/* Properties */

static void
set_string (PiloteSwotPage  *self,
            char           **field,
            const char      *value,
            guint            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  queue_reload (self);
}

static void
pilote_swot_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PERIOD_KIND:
      g_value_set_string (value, self->period_kind);
      break;
    case PROP_PERIOD_START:
      g_value_set_string (value, self->period_start);
      break;
    case PROP_SCOPE_KIND:
      g_value_set_string (value, self->scope_kind);
      break;
    case PROP_SCOPE_ID:
      g_value_set_int64 (value, self->scope_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_swot_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          g_clear_pointer (&self->market, g_free);
          g_object_notify_by_pspec (object, pspec);
          queue_reload (self);
        }
      break;
    case PROP_PERIOD_KIND:
      set_string (self, &self->period_kind, g_value_get_string (value), prop_id);
      break;
    case PROP_PERIOD_START:
      set_string (self, &self->period_start, g_value_get_string (value), prop_id);
      break;
    case PROP_SCOPE_KIND:
      set_string (self, &self->scope_kind, g_value_get_string (value), prop_id);
      break;
    case PROP_SCOPE_ID:
      if (self->scope_id != g_value_get_int64 (value))
        {
          self->scope_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
          queue_reload (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_swot_page_dispose (GObject *object)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_SWOT_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_swot_page_parent_class)->dispose (object);
}

static void
pilote_swot_page_finalize (GObject *object)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (object);

  g_free (self->period_kind);
  g_free (self->period_start);
  g_free (self->scope_kind);
  g_free (self->market);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->competitors, g_ptr_array_unref);
  G_OBJECT_CLASS (pilote_swot_page_parent_class)->finalize (object);
}

static void
pilote_swot_page_class_init (PiloteSwotPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pilote_swot_page_get_property;
  object_class->set_property = pilote_swot_page_set_property;
  object_class->dispose = pilote_swot_page_dispose;
  object_class->finalize = pilote_swot_page_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PERIOD_KIND] =
    g_param_spec_string ("period-kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PERIOD_START] =
    g_param_spec_string ("period-start", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPE_KIND] =
    g_param_spec_string ("scope-kind", NULL, NULL, "company",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPE_ID] =
    g_param_spec_int64 ("scope-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/pilote/Pilote/pilote-swot-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteSwotPage, swot_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteSwotPage, swot_hint);
  gtk_widget_class_bind_template_child (widget_class, PiloteSwotPage, market_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PiloteSwotPage, quadrants_box);
  gtk_widget_class_bind_template_child (widget_class, PiloteSwotPage, competition_hint);
  gtk_widget_class_bind_template_child (widget_class, PiloteSwotPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PiloteSwotPage, competitor_list);

  gtk_widget_class_install_action (widget_class, "swot.add-item", "i", add_item_activated_cb);
  gtk_widget_class_install_action (widget_class, "swot.edit-item", "x", edit_item_activated_cb);
  gtk_widget_class_install_action (widget_class, "swot.delete-item", "x",
                                   delete_item_activated_cb);
  gtk_widget_class_install_action (widget_class, "swot.move-item", "(xi)", move_item_activated_cb);
  gtk_widget_class_install_action (widget_class, "swot.item-history", "x",
                                   item_history_activated_cb);
  gtk_widget_class_install_action (widget_class, "swot.new-market", NULL, new_market_activated_cb);
  pilote_swot_page_install_competitor_actions (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pilote_swot_page_init (PiloteSwotPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->scope_kind = g_strdup ("company");
  build_quadrants (self);
  g_signal_connect (self->market_dropdown, "notify::selected",
                    G_CALLBACK (on_market_selected_cb), self);
  fill_markets (self);
}

GtkWidget *
pilote_swot_page_new (void)
{
  return g_object_new (PILOTE_TYPE_SWOT_PAGE, NULL);
}

gboolean
pilote_swot_page_is_loading (PiloteSwotPage *self)
{
  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), FALSE);

  return self->reload_idle != 0 || self->cancellable != NULL;
}

const char *
pilote_swot_page_get_market (PiloteSwotPage *self)
{
  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), NULL);

  return self->market;
}

/**
 * pilote_swot_page_set_market:
 * @market: (nullable): the market whose SWOT to show, %NULL for the items
 *   without market
 */
void
pilote_swot_page_set_market (PiloteSwotPage *self,
                             const char     *market)
{
  g_return_if_fail (PILOTE_IS_SWOT_PAGE (self));

  g_free (self->market);
  self->market = g_strdup (market);
  fill_markets (self);
  load_items (self);
}

/**
 * pilote_swot_page_get_texts:
 *
 * Returns: (transfer full): the texts of a quadrant, as shown
 */
GStrv
pilote_swot_page_get_texts (PiloteSwotPage *self,
                            PiloteQuadrant  quadrant)
{
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), NULL);
  g_return_val_if_fail (quadrant < N_QUADRANTS, NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->quadrants[quadrant].list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      gint64 *id = g_object_get_data (G_OBJECT (row), "item-id");
      const PiloteSwotItem *item = id != NULL ? find_item (self, *id) : NULL;

      if (item != NULL)
        g_strv_builder_add (texts, item->text);
    }
  return g_strv_builder_end (texts);
}

/**
 * pilote_swot_page_get_item_id:
 *
 * Returns: the id of the item shown at @index of a quadrant, 0 when none
 */
gint64
pilote_swot_page_get_item_id (PiloteSwotPage *self,
                              PiloteQuadrant  quadrant,
                              guint           index)
{
  GtkListBoxRow *row;
  gint64 *id;

  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), 0);
  g_return_val_if_fail (quadrant < N_QUADRANTS, 0);

  row = gtk_list_box_get_row_at_index (self->quadrants[quadrant].list, index);
  id = row != NULL ? g_object_get_data (G_OBJECT (row), "item-id") : NULL;
  return id != NULL ? *id : 0;
}
