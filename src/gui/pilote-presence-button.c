/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pilote-presence.h"
#include "pilote-presence-button.h"

/* Who else has the file open, in the header bar: a button with their
 * number, and their names in its popover. Hidden when nobody else does. */

struct _PilotePresenceButton
{
  GtkWidget        parent_instance;

  PiloteFileWatch *watch;
  GtkMenuButton   *button;
  GtkLabel        *count_label;
  GtkListBox      *list;
  guint            count;
};

G_DEFINE_FINAL_TYPE (PilotePresenceButton, pilote_presence_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WATCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "since 09:40", or "since 28 Nov" for an earlier day */
static char *
describe_since (const char *since)
{
  g_autoptr(GDateTime) utc = since != NULL ? g_date_time_new_from_iso8601 (since, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = NULL;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    when = g_date_time_format (local, "%H:%M");
  else
    /* Translators: a day, as in "since 28 Nov" (strftime format) */
    when = g_date_time_format (local, _("%-d %b"));
  /* Translators: when someone opened the file: "since 09:40" or "since 28 Nov" */
  return g_strdup_printf (_("since %s"), g_strstrip (when));
}

static void
update (PilotePresenceButton *self)
{
  GPtrArray *others = self->watch != NULL ? pilote_file_watch_get_others (self->watch) : NULL;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  self->count = others != NULL ? others->len : 0;
  for (guint i = 0; i < self->count; i++)
    {
      PilotePresence *presence = g_ptr_array_index (others, i);
      g_autofree char *since = describe_since (presence->since);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("avatar-default-symbolic");

      /* Translators: a computer's name, then "since 09:40" */
      subtitle = since != NULL ? g_strdup_printf (_("On %s, %s"), presence->host, since)
                               : g_strdup_printf (_("On %s"), presence->host);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     presence->name != NULL ? presence->name : presence->host);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->list, row);
    }

  label = g_strdup_printf ("%u", self->count);
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u other person has this file open",
                                          "%u other people have this file open", self->count),
                             self->count);
  gtk_label_set_text (self->count_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self), self->count > 0);
}

GtkWidget *
pilote_presence_button_new (void)
{
  return g_object_new (PILOTE_TYPE_PRESENCE_BUTTON, NULL);
}

PiloteFileWatch *
pilote_presence_button_get_watch (PilotePresenceButton *self)
{
  g_return_val_if_fail (PILOTE_IS_PRESENCE_BUTTON (self), NULL);
  return self->watch;
}

void
pilote_presence_button_set_watch (PilotePresenceButton *self,
                                  PiloteFileWatch      *watch)
{
  g_return_if_fail (PILOTE_IS_PRESENCE_BUTTON (self));
  g_return_if_fail (watch == NULL || PILOTE_IS_FILE_WATCH (watch));

  if (self->watch == watch)
    return;
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_set_object (&self->watch, watch);
  if (watch != NULL)
    g_signal_connect_swapped (watch, "presence-changed", G_CALLBACK (update), self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCH]);
}

/**
 * pilote_presence_button_get_count:
 *
 * Returns: how many others the button shows
 */
guint
pilote_presence_button_get_count (PilotePresenceButton *self)
{
  g_return_val_if_fail (PILOTE_IS_PRESENCE_BUTTON (self), 0);
  return self->count;
}

static void
pilote_presence_button_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PilotePresenceButton *self = PILOTE_PRESENCE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_WATCH:
      g_value_set_object (value, self->watch);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_presence_button_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PilotePresenceButton *self = PILOTE_PRESENCE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_WATCH:
      pilote_presence_button_set_watch (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_presence_button_dispose (GObject *object)
{
  PilotePresenceButton *self = PILOTE_PRESENCE_BUTTON (object);

  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
    }
  G_OBJECT_CLASS (pilote_presence_button_parent_class)->dispose (object);
}

static void
pilote_presence_button_class_init (PilotePresenceButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_presence_button_dispose;
  object_class->get_property = pilote_presence_button_get_property;
  object_class->set_property = pilote_presence_button_set_property;

  properties[PROP_WATCH] =
    g_param_spec_object ("watch", NULL, NULL, PILOTE_TYPE_FILE_WATCH,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pilote-presence-button");
}

static void
pilote_presence_button_init (PilotePresenceButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Also Working on This File"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("system-users-symbolic");

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  /* flat, as the header bar's own buttons */
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_size_request (scrolled, 260, -1);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->button, popover);

  /* the icon beside the number, in the button itself */
  self->count_label = GTK_LABEL (gtk_label_new ("0"));
  gtk_box_append (GTK_BOX (content), icon);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->count_label));
  gtk_menu_button_set_child (self->button, content);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Who Else Has This File Open"), -1);
}
