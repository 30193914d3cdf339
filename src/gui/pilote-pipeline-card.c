/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pilote-money.h"
#include "pilote-period.h"
#include "pilote-pipeline-card.h"

/* One deal on the board: client, title, amount, expected close, owner,
 * next activity, and a flag when it has not changed stage for too long. */

struct _PilotePipelineCard
{
  GtkWidget           parent_instance;

  PilotePipelineItem *item;
  GtkWidget          *menu;

  GtkWidget          *box;
  GtkLabel           *client_label;
  GtkWidget          *stale_image;
  GtkLabel           *title_label;
  GtkLabel           *amount_label;
  GtkWidget          *close_image;
  GtkLabel           *close_label;
  GtkLabel           *owner_label;
  GtkWidget          *activity_box;
  GtkLabel           *activity_label;
};

G_DEFINE_FINAL_TYPE (PilotePipelineCard, pilote_pipeline_card, GTK_TYPE_WIDGET)

enum {
  MOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * pilote_pipeline_format_date:
 * @iso: (nullable): an ISO date, or a timestamp whose date part is read
 *
 * Returns: (transfer full) (nullable): the date as people read it ("20 Nov 2026")
 */
char *
pilote_pipeline_format_date (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  char day[PILOTE_ISO_DATE_LEN];
  GDate date;

  if (iso == NULL)
    return NULL;
  g_strlcpy (day, iso, sizeof day);
  if (!pilote_date_parse_iso (day, &date))
    return g_strdup (iso);
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
  /* Translators: a short date, see the strftime manual (day, abbreviated month, year) */
  return g_date_time_format (time, _("%-d %b %Y"));
}

/* The context menu: edit or delete the deal (the board's actions) */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PilotePipelineCard *self = PILOTE_PIPELINE_CARD (widget);
  const PilotePipelineDeal *deal = self->item != NULL ? pilote_pipeline_item_get_deal (self->item)
                                                      : NULL;

  if (deal != NULL)
    gtk_widget_activate_action (widget, "board.edit-deal", "x", deal->deal_id);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PilotePipelineCard *self = PILOTE_PIPELINE_CARD (widget);
  const PilotePipelineDeal *deal = self->item != NULL ? pilote_pipeline_item_get_deal (self->item)
                                                      : NULL;

  if (deal != NULL)
    gtk_widget_activate_action (widget, "board.delete-deal", "(xx)", deal->deal_id,
                                deal->version);
}

/* card.move::previous, ::next, ::won or ::lost: from the menu or the keyboard */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PilotePipelineCard *self = PILOTE_PIPELINE_CARD (widget);

  if (self->item != NULL && pilote_pipeline_item_get_deal (self->item) != NULL)
    g_signal_emit (self, signals[MOVE_REQUESTED], 0, g_variant_get_string (parameter, NULL));
}

static void
popup_menu (PilotePipelineCard *self,
            double              x,
            double              y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (self->item == NULL || pilote_pipeline_item_get_deal (self->item) == NULL)
    return;
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenu) edit = g_menu_new ();
      g_autoptr(GMenu) move = g_menu_new ();

      g_menu_append (move, _("Move to _Previous Stage"), "card.move::previous");
      g_menu_append (move, _("Move to _Next Stage"), "card.move::next");
      g_menu_append (move, _("Mark as _Won"), "card.move::won");
      g_menu_append (move, _("Mark as _Lost…"), "card.move::lost");
      g_menu_append (edit, _("_Edit…"), "card.edit");
      g_menu_append (edit, _("_Delete"), "card.delete");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (move));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_secondary_click_cb (GtkGestureClick    *gesture,
                       int                 n_press,
                       double              x,
                       double              y,
                       PilotePipelineCard *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, x, y);
}

static void
on_long_press_cb (GtkGestureLongPress *gesture,
                  double               x,
                  double               y,
                  PilotePipelineCard  *self)
{
  popup_menu (self, x, y);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  popup_menu (PILOTE_PIPELINE_CARD (widget), gtk_widget_get_width (widget) / 2.0,
              gtk_widget_get_height (widget) / 2.0);
}

static void
pilote_pipeline_card_dispose (GObject *object)
{
  PilotePipelineCard *self = PILOTE_PIPELINE_CARD (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_PIPELINE_CARD);
  G_OBJECT_CLASS (pilote_pipeline_card_parent_class)->dispose (object);
}

static void
pilote_pipeline_card_class_init (PilotePipelineCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_pipeline_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-pipeline-card.ui");
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, box);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, client_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, stale_image);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, amount_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, close_image);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, close_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, owner_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, activity_box);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineCard, activity_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "card.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);
  gtk_widget_class_install_action (widget_class, "card.move", "s", move_action);

  /**
   * PilotePipelineCard::move-requested:
   * @target: "previous" or "next" (the neighbouring open stage), "won" or "lost"
   *
   * The user asked, without dragging, to move the card's deal.
   */
  signals[MOVE_REQUESTED] = g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, G_TYPE_STRING);
}

static void
pilote_pipeline_card_init (PilotePipelineCard *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_long_press_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}

GtkWidget *
pilote_pipeline_card_new (void)
{
  return g_object_new (PILOTE_TYPE_PIPELINE_CARD, NULL);
}

/**
 * pilote_pipeline_card_set_item:
 * @item: (nullable): the deal to show
 * @currency: the currency of the file
 * @today: the day overdue dates are judged at
 */
void
pilote_pipeline_card_set_item (PilotePipelineCard *self,
                               PilotePipelineItem *item,
                               const char         *currency,
                               const GDate        *today)
{
  const PilotePipelineDeal *deal;
  g_autofree char *amount = NULL;
  g_autofree char *close = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *description = NULL;
  char today_iso[PILOTE_ISO_DATE_LEN];

  g_return_if_fail (PILOTE_IS_PIPELINE_CARD (self));
  g_return_if_fail (item == NULL || PILOTE_IS_PIPELINE_ITEM (item));

  g_set_object (&self->item, item);
  deal = item != NULL ? pilote_pipeline_item_get_deal (item) : NULL;
  gtk_widget_set_visible (self->box, deal != NULL);
  if (deal == NULL)
    return;

  pilote_date_to_iso (today, today_iso);
  amount = pilote_money_format (deal->amount, currency, PILOTE_MONEY_FORMAT_WHOLE);
  close = pilote_pipeline_format_date (deal->expected_close_on);

  gtk_label_set_text (self->client_label, deal->client != NULL ? deal->client : _("No client"));
  gtk_label_set_text (self->title_label, deal->title);
  gtk_label_set_text (self->amount_label, amount);
  gtk_label_set_text (self->close_label, close != NULL ? close : _("No date"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->close_label), _("Expected close"));
  if (deal->expected_close_on != NULL && strcmp (deal->expected_close_on, today_iso) < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->close_label), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->close_label),
                                   _("Expected close: overdue"));
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->close_label), "error");
  gtk_label_set_text (self->owner_label, deal->owner != NULL ? deal->owner : _("Nobody"));

  gtk_widget_set_visible (self->activity_box, deal->next_activity != NULL);
  if (deal->next_activity != NULL)
    {
      g_autofree char *due = pilote_pipeline_format_date (deal->next_activity_due);

      /* Translators: the next activity of a deal and its due date */
      activity = due != NULL ? g_strdup_printf (_("%s · %s"), deal->next_activity, due)
                             : g_strdup (deal->next_activity);
      gtk_label_set_text (self->activity_label, activity);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->activity_label), activity);
    }

  gtk_widget_set_visible (self->stale_image, deal->stale);
  if (deal->stale)
    {
      stale = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "No stage change for %" PRId64 " day",
                                            "No stage change for %" PRId64 " days",
                                            (gulong) deal->days_in_stage),
                               deal->days_in_stage);
      gtk_widget_set_tooltip_text (self->stale_image, stale);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->stale_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, stale, -1);
    }

  /* Translators: how a card of the pipeline reads to a screen reader:
   * title, client, amount, expected close date */
  description = g_strdup_printf (_("%s, %s, %s, closing %s"), deal->title,
                                 deal->client != NULL ? deal->client : _("No client"), amount,
                                 close != NULL ? close : _("No date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
}

/**
 * pilote_pipeline_card_get_item:
 *
 * Returns: (transfer none) (nullable): the deal shown
 */
PilotePipelineItem *
pilote_pipeline_card_get_item (PilotePipelineCard *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_CARD (self), NULL);
  return self->item;
}
