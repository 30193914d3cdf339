/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "pilote-money.h"
#include "pilote-pipeline-card.h"
#include "pilote-pipeline-column.h"

/*
 * One column of the board. An open stage shows its header (count, total,
 * weighted total, stale deals) above its cards, read a page at a time; a
 * won or lost stage is a narrow drop target. Cards can be dragged (the
 * content is the PilotePipelineItem); a column takes items of other
 * columns and announces them with ::deal-dropped, whose handler writes
 * the move.
 */

#define OPEN_WIDTH   260
#define CLOSED_WIDTH 120

struct _PilotePipelineColumn
{
  GtkWidget            parent_instance;

  gint64               stage_id;
  char                *name;
  PiloteStageKind      kind;
  PilotePipelineModel *model;
  char                *currency;
  GDate                today;
  char                *summary;

  GtkWidget           *content;
  GtkWidget           *header;
  GtkImage            *kind_image;
  GtkLabel            *name_label;
  GtkLabel            *count_label;
  GtkLabel            *stale_label;
  GtkWidget           *totals_box;
  GtkLabel            *amount_label;
  GtkLabel            *weighted_label;
  GtkWidget           *scrolled;
  GtkListView         *list_view;
  GtkLabel            *drop_label;
};

G_DEFINE_FINAL_TYPE (PilotePipelineColumn, pilote_pipeline_column, GTK_TYPE_WIDGET)

enum {
  DEAL_DROPPED,
  DEAL_ACTIVATED,
  DEAL_MOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Cards */

static GdkContentProvider *
on_card_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  PilotePipelineItem *item = pilote_pipeline_card_get_item (PILOTE_PIPELINE_CARD (card));

  if (item == NULL || pilote_pipeline_item_get_deal (item) == NULL)
    return NULL;
  return gdk_content_provider_new_typed (PILOTE_TYPE_PIPELINE_ITEM, item);
}

static void
on_card_drag_begin_cb (GtkDragSource *source,
                       GdkDrag       *drag,
                       gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (card);
  g_autoptr(GdkPaintable) icon = gdk_paintable_get_current_image (paintable);

  gtk_drag_source_set_icon (source, icon, gtk_widget_get_width (card) / 2, 12);
  gtk_widget_set_opacity (card, 0.4);
}

static void
on_card_drag_end_cb (GtkDragSource *source,
                     GdkDrag       *drag,
                     gboolean       delete_data,
                     gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  /* the card stays where it was until the move is written and the
   * columns are read again: a refused or failed move leaves it there */
  gtk_widget_set_opacity (card, 1.0);
}

static void
on_card_move_requested_cb (PilotePipelineCard   *card,
                           const char           *target,
                           PilotePipelineColumn *self)
{
  PilotePipelineItem *item = pilote_pipeline_card_get_item (card);

  if (item != NULL)
    g_signal_emit (self, signals[DEAL_MOVE_REQUESTED], 0, item, target);
}

static void
on_setup_card_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *card = pilote_pipeline_card_new ();
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_card_drag_prepare_cb), NULL);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_card_drag_begin_cb), NULL);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_card_drag_end_cb), NULL);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));
  g_signal_connect_object (card, "move-requested", G_CALLBACK (on_card_move_requested_cb),
                           user_data, 0);
  gtk_list_item_set_activatable (list_item, TRUE);
  gtk_list_item_set_child (list_item, card);
}

static void
on_bind_card_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  PilotePipelineColumn *self = user_data;

  pilote_pipeline_card_set_item (PILOTE_PIPELINE_CARD (gtk_list_item_get_child (list_item)),
                                 gtk_list_item_get_item (list_item), self->currency,
                                 &self->today);
}

static void
on_unbind_card_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  pilote_pipeline_card_set_item (PILOTE_PIPELINE_CARD (gtk_list_item_get_child (list_item)),
                                 NULL, NULL, NULL);
}

/* Double-click or Enter on a card */
static void
on_card_activated_cb (GtkListView          *list_view,
                      guint                 position,
                      PilotePipelineColumn *self)
{
  g_autoptr(PilotePipelineItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL && pilote_pipeline_item_get_deal (item) != NULL)
    g_signal_emit (self, signals[DEAL_ACTIVATED], 0, item);
}

/* Menu or Shift+F10: the context menu of the focused card */
static gboolean
on_menu_key_cb (GtkWidget *list_view,
                GVariant  *args,
                gpointer   user_data)
{
  GtkWidget *row = gtk_widget_get_focus_child (list_view);
  GtkWidget *card = row != NULL ? gtk_widget_get_first_child (row) : NULL;

  return card != NULL && PILOTE_IS_PIPELINE_CARD (card) &&
         gtk_widget_activate_action (card, "card.menu", NULL);
}

/* Ctrl+Shift+Left or Right: the focused card to the previous or next stage */
static gboolean
on_move_key_cb (GtkWidget *list_view,
                GVariant  *args,
                gpointer   user_data)
{
  GtkWidget *row = gtk_widget_get_focus_child (list_view);
  GtkWidget *card = row != NULL ? gtk_widget_get_first_child (row) : NULL;

  return card != NULL && PILOTE_IS_PIPELINE_CARD (card) &&
         gtk_widget_activate_action (card, "card.move", "s", g_variant_get_string (args, NULL));
}

/* Dropping */

static GdkDragAction
on_drop_enter_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  gpointer       user_data)
{
  return GDK_ACTION_MOVE;
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            gpointer       user_data)
{
  PilotePipelineColumn *self = user_data;
  PilotePipelineItem *item = g_value_get_object (value);
  const PilotePipelineDeal *deal;

  if (item == NULL)
    return FALSE;
  deal = pilote_pipeline_item_get_deal (item);
  if (deal == NULL || deal->stage_id == self->stage_id)
    return FALSE;
  g_signal_emit (self, signals[DEAL_DROPPED], 0, item);
  return TRUE;
}

static void
pilote_pipeline_column_dispose (GObject *object)
{
  PilotePipelineColumn *self = PILOTE_PIPELINE_COLUMN (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_PIPELINE_COLUMN);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (pilote_pipeline_column_parent_class)->dispose (object);
}

static void
pilote_pipeline_column_finalize (GObject *object)
{
  PilotePipelineColumn *self = PILOTE_PIPELINE_COLUMN (object);

  g_free (self->name);
  g_free (self->currency);
  g_free (self->summary);
  G_OBJECT_CLASS (pilote_pipeline_column_parent_class)->finalize (object);
}

static void
pilote_pipeline_column_class_init (PilotePipelineColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_pipeline_column_dispose;
  object_class->finalize = pilote_pipeline_column_finalize;

  /**
   * PilotePipelineColumn::deal-dropped:
   * @item: the deal dropped on the column, from another column
   */
  signals[DEAL_DROPPED] = g_signal_new ("deal-dropped", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        PILOTE_TYPE_PIPELINE_ITEM);

  /**
   * PilotePipelineColumn::deal-activated:
   * @item: the deal whose card was activated (double-click, Enter)
   */
  /**
   * PilotePipelineColumn::deal-move-requested:
   * @item: the deal of the card
   * @target: "previous", "next", "won" or "lost"
   */
  signals[DEAL_MOVE_REQUESTED] = g_signal_new ("deal-move-requested", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 2, PILOTE_TYPE_PIPELINE_ITEM,
                                               G_TYPE_STRING);

  signals[DEAL_ACTIVATED] = g_signal_new ("deal-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          PILOTE_TYPE_PIPELINE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-pipeline-column.ui");
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, content);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, header);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, kind_image);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, name_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, stale_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, totals_box);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, amount_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, weighted_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineColumn, drop_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pilote_pipeline_column_init (PilotePipelineColumn *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->today, 1);

  target = gtk_drop_target_new (PILOTE_TYPE_PIPELINE_ITEM, GDK_ACTION_MOVE);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_enter_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/**
 * pilote_pipeline_column_new:
 * @stage_id: the stage of the column
 * @name: the stage's name
 * @kind: an open stage lists its deals; won and lost ones are drop targets
 */
PilotePipelineColumn *
pilote_pipeline_column_new (gint64           stage_id,
                            const char      *name,
                            PiloteStageKind  kind)
{
  PilotePipelineColumn *self = g_object_new (PILOTE_TYPE_PIPELINE_COLUMN, NULL);
  gboolean open = kind == PILOTE_STAGE_KIND_OPEN;

  self->stage_id = stage_id;
  self->name = g_strdup (name);
  self->kind = kind;
  gtk_label_set_text (self->name_label, name);
  gtk_widget_set_size_request (GTK_WIDGET (self), open ? OPEN_WIDTH : CLOSED_WIDTH, -1);

  gtk_widget_set_visible (self->scrolled, open);
  gtk_widget_set_visible (self->totals_box, open);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), open);
  gtk_widget_set_visible (GTK_WIDGET (self->drop_label), !open);
  if (open)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkEventController *shortcuts;
      GtkNoSelection *selection;

      self->model = pilote_pipeline_model_new (stage_id);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_card_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_card_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_card_cb), self);
      gtk_list_view_set_factory (self->list_view, factory);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
      g_signal_connect (self->list_view, "activate", G_CALLBACK (on_card_activated_cb), self);
      shortcuts = gtk_shortcut_controller_new ();
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new (gtk_alternative_trigger_new (
                                                                gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                                gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                                        GDK_SHIFT_MASK)),
                                                              gtk_callback_action_new (on_menu_key_cb,
                                                                                       NULL, NULL)));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new_with_arguments (
                                              gtk_keyval_trigger_new (GDK_KEY_Left,
                                                                      GDK_CONTROL_MASK |
                                                                      GDK_SHIFT_MASK),
                                              gtk_callback_action_new (on_move_key_cb, NULL, NULL),
                                              "s", "previous"));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new_with_arguments (
                                              gtk_keyval_trigger_new (GDK_KEY_Right,
                                                                      GDK_CONTROL_MASK |
                                                                      GDK_SHIFT_MASK),
                                              gtk_callback_action_new (on_move_key_cb, NULL, NULL),
                                              "s", "next"));
      gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);
      g_object_unref (factory);
      g_object_unref (selection);
    }
  else
    {
      gboolean won = kind == PILOTE_STAGE_KIND_WON;

      gtk_image_set_from_icon_name (self->kind_image, won ? "object-select-symbolic"
                                                          : "window-close-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->kind_image), won ? "success" : "error");
      gtk_widget_set_visible (GTK_WIDGET (self->kind_image), TRUE);
      gtk_label_set_text (self->drop_label, won ? _("Drop a deal here to mark it won")
                                                : _("Drop a deal here to mark it lost"));
    }
  return self;
}

gint64
pilote_pipeline_column_get_stage_id (PilotePipelineColumn *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_COLUMN (self), 0);
  return self->stage_id;
}

PiloteStageKind
pilote_pipeline_column_get_kind (PilotePipelineColumn *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_COLUMN (self), PILOTE_STAGE_KIND_OPEN);
  return self->kind;
}

const char *
pilote_pipeline_column_get_name (PilotePipelineColumn *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_COLUMN (self), NULL);
  return self->name;
}

/**
 * pilote_pipeline_column_get_model:
 *
 * Returns: (transfer none) (nullable): the deals of an open stage
 */
PilotePipelineModel *
pilote_pipeline_column_get_model (PilotePipelineColumn *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_COLUMN (self), NULL);
  return self->model;
}

/**
 * pilote_pipeline_column_set_totals:
 * @totals: the figures of the column's stage
 * @currency: the currency of the file
 * @today: the day overdue dates are judged at
 *
 * Shows the figures in the header; the caller reloads the model.
 */
void
pilote_pipeline_column_set_totals (PilotePipelineColumn            *self,
                                   const PilotePipelineStageTotals *totals,
                                   const char                      *currency,
                                   const GDate                     *today)
{
  g_autofree char *count = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *weighted_amount = NULL;
  g_autofree char *weighted = NULL;
  g_autofree char *stale = NULL;

  g_return_if_fail (PILOTE_IS_PIPELINE_COLUMN (self));
  g_return_if_fail (totals != NULL && currency != NULL && today != NULL);

  g_free (self->currency);
  self->currency = g_strdup (currency);
  self->today = *today;

  count = pilote_count_format (totals->count);
  amount = pilote_money_format (totals->amount, currency, PILOTE_MONEY_FORMAT_WHOLE);
  weighted_amount = pilote_money_format (totals->weighted, currency, PILOTE_MONEY_FORMAT_WHOLE);
  /* Translators: the weighted total of a column of the pipeline */
  weighted = g_strdup_printf (_("Weighted %s"), weighted_amount);
  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->amount_label, amount);
  gtk_label_set_text (self->weighted_label, weighted);

  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), totals->stale > 0);
  if (totals->stale > 0)
    {
      g_autofree char *tooltip = NULL;
      g_autofree char *n_stale = pilote_count_format (totals->stale);

      stale = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s stale", "%s stale",
                                            (gulong) totals->stale),
                               n_stale);
      tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s deal has not changed stage for too long",
                                              "%s deals have not changed stage for too long",
                                              (gulong) totals->stale),
                                 n_stale);
      gtk_label_set_text (self->stale_label, stale);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->stale_label), tooltip);
    }

  g_free (self->summary);
  self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s: %s deal, %s, weighted %s",
                                                "%s: %s deals, %s, weighted %s",
                                                (gulong) totals->count),
                                   self->name, count, amount, weighted_amount);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->summary, -1);
}

/**
 * pilote_pipeline_column_get_summary:
 *
 * Returns: (nullable): what the header says, in one sentence (the
 *   column's accessible label)
 */
const char *
pilote_pipeline_column_get_summary (PilotePipelineColumn *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_COLUMN (self), NULL);
  return self->summary;
}

/* What the header shows (for the tests). */
const char *
pilote_pipeline_column_get_count_text (PilotePipelineColumn *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_COLUMN (self), NULL);
  return gtk_label_get_text (self->count_label);
}

const char *
pilote_pipeline_column_get_amount_text (PilotePipelineColumn *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_COLUMN (self), NULL);
  return gtk_label_get_text (self->amount_label);
}

const char *
pilote_pipeline_column_get_weighted_text (PilotePipelineColumn *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_COLUMN (self), NULL);
  return gtk_label_get_text (self->weighted_label);
}
