/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-activity-row.h"

/*
 * One row of the agenda: a section header, or an activity with a check
 * button to mark it done (asking for an optional outcome), its kind,
 * subject, client, deal and owner, when it is due in words ("in 2 hours",
 * "yesterday"; the exact time in the tooltip), a reschedule pop-over and
 * a menu. Rows do nothing themselves: they activate the view's
 * "activities.*" actions with the activity and the version they showed.
 */

struct _PiloteActivityRow
{
  GtkWidget              parent_instance;

  PiloteActivitiesEntry *entry;
  GDateTime             *now;
  GtkWidget             *outcome_popover;

  GtkStack              *stack;
  GtkImage              *header_icon;
  GtkLabel              *header_label;
  GtkLabel              *count_label;
  GtkCheckButton        *done_check;
  GtkImage              *kind_image;
  GtkLabel              *subject_label;
  GtkLabel              *detail_label;
  GtkWidget             *due_box;
  GtkImage              *due_image;
  GtkLabel              *due_label;
  GtkMenuButton         *reschedule_button;
  GtkMenuButton         *menu_button;
};

G_DEFINE_FINAL_TYPE (PiloteActivityRow, pilote_activity_row, GTK_TYPE_WIDGET)

const char *
pilote_activity_kind_get_icon_name (PiloteActivityKind kind)
{
  switch (kind)
    {
    case PILOTE_ACTIVITY_CALL: return "call-start-symbolic";
    case PILOTE_ACTIVITY_MEETING: return "system-users-symbolic";
    case PILOTE_ACTIVITY_VISIT: return "mark-location-symbolic";
    case PILOTE_ACTIVITY_EMAIL: return "mail-unread-symbolic";
    case PILOTE_ACTIVITY_TASK:
    default: return "view-list-bullet-symbolic";
    }
}

static gint
days_between (GDateTime *from,
              GDateTime *to)
{
  GDate a, b;
  int y, m, d;

  g_date_time_get_ymd (from, &y, &m, &d);
  g_date_set_dmy (&a, d, m, y);
  g_date_time_get_ymd (to, &y, &m, &d);
  g_date_set_dmy (&b, d, m, y);
  return g_date_days_between (&a, &b);
}

/**
 * pilote_activity_format_relative:
 * @time: a local time
 * @now: the moment it is told from
 *
 * Returns: (transfer full): @time in words: "in 20 minutes", "in 2 hours",
 *   "tomorrow at 09:00", "Friday at 14:30", "3 hours ago", "yesterday",
 *   "4 days ago", or the date further away
 */
char *
pilote_activity_format_relative (GDateTime *time,
                                 GDateTime *now)
{
  gint64 minutes = g_date_time_difference (time, now) / G_TIME_SPAN_MINUTE;
  gint days = days_between (now, time);
  g_autofree char *clock = g_date_time_format (time, "%H:%M");

  if (days == 0)
    {
      if (minutes == 0)
        return g_strdup (C_("due", "now"));
      if (minutes > 0 && minutes < 60)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d minute", "in %d minutes",
                                             minutes), (int) minutes);
      if (minutes > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d hour", "in %d hours",
                                             minutes / 60), (int) (minutes / 60));
      if (minutes > -60)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                             -minutes), (int) -minutes);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                           -minutes / 60), (int) (-minutes / 60));
    }
  if (days == 1)
    /* Translators: %s is a time of day */
    return g_strdup_printf (_("tomorrow at %s"), clock);
  if (days == -1)
    return g_strdup (_("yesterday"));
  if (days > 1 && days < 7)
    {
      g_autofree char *weekday = g_date_time_format (time, "%A");

      /* Translators: a day of the week, then a time of day */
      return g_strdup_printf (_("%s at %s"), weekday, clock);
    }
  if (days < 0 && days > -7)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days),
                            -days);
  if (g_date_time_get_year (time) == g_date_time_get_year (now))
    /* Translators: a date without the year, see the strftime manual */
    return g_date_time_format (time, C_("due date", "%-d %B"));
  /* Translators: a date with the year, see the strftime manual */
  return g_date_time_format (time, C_("due date", "%-d %B %Y"));
}

/**
 * pilote_activity_format_exact:
 *
 * Returns: (transfer full): the day and time of @time in full
 */
char *
pilote_activity_format_exact (GDateTime *time)
{
  /* Translators: a full date and time, see the strftime manual */
  return g_date_time_format (time, C_("exact time", "%A %-d %B %Y, %H:%M"));
}

/**
 * pilote_activity_quick_date:
 * @now: the moment the choice is made at
 * @due: (nullable): when the activity is due now; its time of day is kept
 *   (9:00 without one)
 * @choice: %PILOTE_ACTIVITY_TOMORROW, %PILOTE_ACTIVITY_NEXT_MONDAY or
 *   %PILOTE_ACTIVITY_IN_A_WEEK
 *
 * Returns: (transfer full): the new due time
 */
GDateTime *
pilote_activity_quick_date (GDateTime *now,
                            GDateTime *due,
                            guint      choice)
{
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (now),
                                                   g_date_time_get_year (now),
                                                   g_date_time_get_month (now),
                                                   g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) day = NULL;
  int hour = due != NULL ? g_date_time_get_hour (due) : 9;
  int minute = due != NULL ? g_date_time_get_minute (due) : 0;

  switch (choice)
    {
    case PILOTE_ACTIVITY_NEXT_MONDAY:
      day = g_date_time_add_days (midnight, 8 - g_date_time_get_day_of_week (now));
      break;
    case PILOTE_ACTIVITY_IN_A_WEEK:
      day = g_date_time_add_days (midnight, 7);
      break;
    case PILOTE_ACTIVITY_TOMORROW:
    default:
      day = g_date_time_add_days (midnight, 1);
      break;
    }
  return g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (day),
                          g_date_time_get_month (day), g_date_time_get_day_of_month (day),
                          hour, minute, 0);
}

static GDateTime *
parse_local (const char *stamp)
{
  return pilote_agenda_parse_stamp (stamp);
}

/* Marking done */

static void
activate_done (PiloteActivityRow *self,
               const char        *outcome)
{
  const PiloteAgendaItem *item = self->entry != NULL ? pilote_activities_entry_get_item (self->entry)
                                                     : NULL;

  if (item == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "activities.mark-done", "(xxs)",
                              item->activity_id, item->version, outcome != NULL ? outcome : "");
}

static void
on_outcome_confirmed_cb (PiloteActivityRow *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (self->outcome_popover), "entry");
  g_autofree char *outcome = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  gtk_popover_popdown (GTK_POPOVER (self->outcome_popover));
  activate_done (self, outcome);
}

static gboolean
drop_outcome_popover (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

static void
on_outcome_closed_cb (GtkPopover        *popover,
                      PiloteActivityRow *self)
{
  if (self->outcome_popover == GTK_WIDGET (popover))
    self->outcome_popover = NULL;
  g_idle_add (drop_outcome_popover, g_object_ref (popover));
}

/**
 * pilote_activity_row_ask_outcome:
 *
 * Asks what came of the activity in a small pop-over by the check button;
 * "Mark Done" (or Enter) marks it done with that outcome.
 *
 * Returns: (transfer none): the pop-over, shown
 */
GtkPopover *
pilote_activity_row_ask_outcome (PiloteActivityRow *self)
{
  GtkWidget *popover, *box, *label, *entry, *button;

  g_return_val_if_fail (PILOTE_IS_ACTIVITY_ROW (self), NULL);

  if (self->outcome_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->outcome_popover));
  popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  label = gtk_label_new_with_mnemonic (_("_Outcome (optional)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What came of it?"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_size_request (entry, 240, -1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  button = gtk_button_new_with_mnemonic (_("_Mark Done"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), button);
  g_object_set_data (G_OBJECT (popover), "entry", entry);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_outcome_confirmed_cb), self);
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_outcome_closed_cb), self, 0);
  gtk_widget_set_parent (popover, GTK_WIDGET (self->done_check));
  self->outcome_popover = popover;
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_widget_grab_focus (entry);
  return GTK_POPOVER (popover);
}

static void
on_done_toggled_cb (PiloteActivityRow *self)
{
  const PiloteAgendaItem *item = self->entry != NULL ? pilote_activities_entry_get_item (self->entry)
                                                     : NULL;

  if (item == NULL)
    return;
  /* the check shows what the file holds until the action has changed it */
  g_signal_handlers_block_by_func (self->done_check, on_done_toggled_cb, self);
  gtk_check_button_set_active (self->done_check, item->done_at != NULL);
  g_signal_handlers_unblock_by_func (self->done_check, on_done_toggled_cb, self);
  if (item->done_at != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "activities.reopen", "(xx)",
                                item->activity_id, item->version);
  else
    pilote_activity_row_ask_outcome (self);
}

/* Rescheduling */

static void
reschedule_to (PiloteActivityRow *self,
               GDateTime         *due)
{
  const PiloteAgendaItem *item = self->entry != NULL ? pilote_activities_entry_get_item (self->entry)
                                                     : NULL;

  gtk_menu_button_popdown (self->reschedule_button);
  if (item == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "activities.reschedule", "(xxx)",
                              item->activity_id, item->version, g_date_time_to_unix (due));
}

static void
on_quick_clicked_cb (GtkButton         *button,
                     PiloteActivityRow *self)
{
  const PiloteAgendaItem *item = self->entry != NULL ? pilote_activities_entry_get_item (self->entry)
                                                     : NULL;
  guint choice = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "choice"));
  g_autoptr(GDateTime) due = item != NULL ? parse_local (item->due_at) : NULL;
  g_autoptr(GDateTime) now = self->now != NULL ? g_date_time_ref (self->now)
                                               : g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = pilote_activity_quick_date (now, due, choice);

  reschedule_to (self, when);
}

static void
on_reschedule_clicked_cb (PiloteActivityRow *self)
{
  GtkPopover *popover = gtk_menu_button_get_popover (self->reschedule_button);
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (popover), "calendar");
  GtkSpinButton *hour = g_object_get_data (G_OBJECT (popover), "hour");
  GtkSpinButton *minute = g_object_get_data (G_OBJECT (popover), "minute");
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) when = g_date_time_new_local (g_date_time_get_year (day),
                                                     g_date_time_get_month (day),
                                                     g_date_time_get_day_of_month (day),
                                                     gtk_spin_button_get_value_as_int (hour),
                                                     gtk_spin_button_get_value_as_int (minute),
                                                     0);

  reschedule_to (self, when);
}

static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static GtkSpinButton *
time_spin (int         max,
           int         step,
           int         value,
           const char *label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, step);

  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output_cb), NULL);
  return GTK_SPIN_BUTTON (spin);
}

static void
create_reschedule_popover (GtkMenuButton *button,
                           gpointer       user_data)
{
  PiloteActivityRow *self = user_data;
  const PiloteAgendaItem *item = self->entry != NULL ? pilote_activities_entry_get_item (self->entry)
                                                     : NULL;
  g_autoptr(GDateTime) due = item != NULL ? parse_local (item->due_at) : NULL;
  g_autoptr(GDateTime) now = self->now != NULL ? g_date_time_ref (self->now)
                                               : g_date_time_new_now_local ();
  static const char *const quick[] = { N_("_Tomorrow"), N_("Next _Monday"), N_("In a _Week") };
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *quick_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkSpinButton *hour, *minute;
  GtkWidget *label, *confirm;

  for (guint i = 0; i < G_N_ELEMENTS (quick); i++)
    {
      GtkWidget *quick_button = gtk_button_new ();
      GtkWidget *quick_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name = gtk_label_new_with_mnemonic (_(quick[i]));
      GtkWidget *date_label;
      g_autoptr(GDateTime) when = pilote_activity_quick_date (now, due, i);
      g_autofree char *exact = pilote_activity_format_exact (when);
      /* Translators: a short date and time, see the strftime manual */
      g_autofree char *brief = g_date_time_format (when, C_("quick date", "%a %-d %b, %H:%M"));

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_label_set_mnemonic_widget (GTK_LABEL (name), quick_button);
      date_label = gtk_label_new (brief);
      gtk_widget_add_css_class (date_label, "dim-label");
      gtk_box_append (GTK_BOX (quick_row), name);
      gtk_box_append (GTK_BOX (quick_row), date_label);
      gtk_button_set_child (GTK_BUTTON (quick_button), quick_row);
      gtk_widget_add_css_class (quick_button, "flat");
      gtk_widget_set_tooltip_text (quick_button, exact);
      g_object_set_data (G_OBJECT (quick_button), "choice", GUINT_TO_POINTER (i));
      g_signal_connect (quick_button, "clicked", G_CALLBACK (on_quick_clicked_cb), self);
      gtk_box_append (GTK_BOX (quick_box), quick_button);
    }
  gtk_box_append (GTK_BOX (box), quick_box);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  gtk_calendar_select_day (GTK_CALENDAR (calendar), due != NULL ? due : now);
  gtk_box_append (GTK_BOX (box), calendar);
  g_object_set_data (G_OBJECT (popover), "calendar", calendar);

  label = gtk_label_new (_("Time"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (time_box), label);
  hour = time_spin (23, 1, due != NULL ? g_date_time_get_hour (due) : 9, _("Hour"));
  minute = time_spin (59, 5, due != NULL ? g_date_time_get_minute (due) : 0, _("Minute"));
  g_object_set_data (G_OBJECT (popover), "hour", hour);
  g_object_set_data (G_OBJECT (popover), "minute", minute);
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (hour));
  gtk_box_append (GTK_BOX (time_box), gtk_label_new (":"));
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (minute));
  gtk_box_append (GTK_BOX (box), time_box);

  confirm = gtk_button_new_with_mnemonic (_("_Reschedule"));
  gtk_widget_add_css_class (confirm, "suggested-action");
  g_signal_connect_swapped (confirm, "clicked", G_CALLBACK (on_reschedule_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), confirm);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

/**
 * pilote_activity_row_open_reschedule:
 *
 * Returns: (transfer none) (nullable): the reschedule pop-over, shown
 */
GtkPopover *
pilote_activity_row_open_reschedule (PiloteActivityRow *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITY_ROW (self), NULL);

  gtk_menu_button_popup (self->reschedule_button);
  return gtk_menu_button_get_popover (self->reschedule_button);
}

/* Binding */

static void
bind_header (PiloteActivityRow *self,
             PiloteActivitiesEntry *entry)
{
  PiloteAgendaBucket bucket = pilote_activities_entry_get_bucket (entry);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            pilote_activities_entry_get_count (entry));
  static const char *const icons[] = {
    [PILOTE_AGENDA_OVERDUE] = "task-past-due-symbolic",
    [PILOTE_AGENDA_TODAY] = "weather-clear-symbolic",
    [PILOTE_AGENDA_THIS_WEEK] = "x-office-calendar-symbolic",
    [PILOTE_AGENDA_LATER] = "document-open-recent-symbolic",
    [PILOTE_AGENDA_DONE] = "object-select-symbolic",
  };

  gtk_stack_set_visible_child_name (self->stack, "header");
  gtk_image_set_from_icon_name (self->header_icon, icons[bucket]);
  gtk_label_set_text (self->header_label, pilote_agenda_bucket_get_label (bucket));
  gtk_label_set_text (self->count_label, count);
  if (bucket == PILOTE_AGENDA_OVERDUE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->header_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->header_icon), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->header_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->header_icon), "error");
    }
}

static char *
describe_links (const PiloteAgendaItem *item)
{
  GString *text = g_string_new (NULL);

  if (item->client != NULL)
    g_string_append (text, item->client);
  if (item->deal != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", item->deal);
  if (item->owner != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", item->owner);
  return g_string_free (text, FALSE);
}

static void
bind_due (PiloteActivityRow      *self,
          const PiloteAgendaItem *item,
          PiloteAgendaBucket      bucket)
{
  g_autoptr(GDateTime) now = self->now != NULL ? g_date_time_ref (self->now)
                                               : g_date_time_new_now_local ();
  g_autoptr(GDateTime) done = parse_local (item->done_at);
  g_autoptr(GDateTime) due = parse_local (item->due_at);
  g_autofree char *relative = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *text = NULL;
  gboolean overdue = bucket == PILOTE_AGENDA_OVERDUE;

  if (done != NULL)
    {
      relative = pilote_activity_format_relative (done, now);
      exact = pilote_activity_format_exact (done);
      /* Translators: when an activity was done, in words ("yesterday") */
      text = g_strdup_printf (_("Done %s"), relative);
    }
  else if (due != NULL)
    {
      relative = pilote_activity_format_relative (due, now);
      exact = pilote_activity_format_exact (due);
      /* Translators: when an overdue activity was due, in words ("yesterday") */
      text = overdue ? g_strdup_printf (_("Overdue, due %s"), relative)
                     /* Translators: when an activity is due, in words ("in 2 hours") */
                     : g_strdup_printf (_("Due %s"), relative);
    }
  else
    text = g_strdup (_("No due date"));

  gtk_label_set_text (self->due_label, text);
  gtk_widget_set_tooltip_text (self->due_box, exact);
  gtk_widget_set_visible (GTK_WIDGET (self->due_image), overdue);
  if (overdue)
    {
      gtk_widget_add_css_class (self->due_box, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->due_box, "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "dim-label");
    }
}

static void
bind_menu (PiloteActivityRow      *self,
           const PiloteAgendaItem *item)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete"), NULL);

  g_menu_item_set_action_and_target_value (edit, "activities.edit",
                                           g_variant_new_int64 (item->activity_id));
  g_menu_item_set_action_and_target_value (remove, "activities.delete",
                                           g_variant_new ("(xx)", item->activity_id,
                                                          item->version));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, remove);
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

/**
 * pilote_activity_row_bind:
 * @now: (nullable): the moment due times are told from; now when %NULL
 */
void
pilote_activity_row_bind (PiloteActivityRow     *self,
                          PiloteActivitiesEntry *entry,
                          GDateTime             *now)
{
  const PiloteAgendaItem *item;
  g_autofree char *links = NULL;
  g_autofree char *check_label = NULL;
  PiloteAgendaBucket bucket;

  g_return_if_fail (PILOTE_IS_ACTIVITY_ROW (self));
  g_return_if_fail (PILOTE_IS_ACTIVITIES_ENTRY (entry));

  pilote_activity_row_unbind (self);
  self->entry = g_object_ref (entry);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  if (pilote_activities_entry_is_header (entry))
    {
      bind_header (self, entry);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "activity");
  item = pilote_activities_entry_get_item (entry);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), item != NULL);
  if (item == NULL)
    {
      gtk_label_set_text (self->subject_label, "");
      gtk_label_set_text (self->detail_label, "");
      gtk_label_set_text (self->due_label, "");
      return;
    }

  bucket = pilote_activities_entry_get_bucket (entry);
  g_signal_handlers_block_by_func (self->done_check, on_done_toggled_cb, self);
  gtk_check_button_set_active (self->done_check, item->done_at != NULL);
  g_signal_handlers_unblock_by_func (self->done_check, on_done_toggled_cb, self);
  check_label = g_strdup_printf (item->done_at != NULL ? _("Mark “%s” as not done")
                                                       : _("Mark “%s” as done"), item->subject);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->done_check),
                               item->done_at != NULL ? _("Mark as not done") : _("Mark as done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);

  gtk_image_set_from_icon_name (self->kind_image, pilote_activity_kind_get_icon_name (item->kind));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_image),
                               pilote_activity_kind_get_label (item->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pilote_activity_kind_get_label (item->kind), -1);
  gtk_label_set_text (self->subject_label, item->subject);
  if (item->done_at != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->subject_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->subject_label), "dim-label");
  links = describe_links (item);
  gtk_label_set_text (self->detail_label, links);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), *links != '\0');
  bind_due (self, item, bucket);
  gtk_widget_set_visible (GTK_WIDGET (self->reschedule_button), item->done_at == NULL);
  bind_menu (self, item);
}

void
pilote_activity_row_unbind (PiloteActivityRow *self)
{
  g_return_if_fail (PILOTE_IS_ACTIVITY_ROW (self));

  if (self->outcome_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->outcome_popover));
  /* the next activity gets its own reschedule pop-over */
  gtk_menu_button_set_popover (self->reschedule_button, NULL);
  g_clear_object (&self->entry);
  g_clear_pointer (&self->now, g_date_time_unref);
}

const char *
pilote_activity_row_get_due_text (PiloteActivityRow *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITY_ROW (self), NULL);
  return gtk_label_get_text (self->due_label);
}

static void
pilote_activity_row_dispose (GObject *object)
{
  PiloteActivityRow *self = PILOTE_ACTIVITY_ROW (object);

  if (self->outcome_popover != NULL)
    {
      gtk_widget_unparent (self->outcome_popover);
      self->outcome_popover = NULL;
    }
  g_clear_object (&self->entry);
  g_clear_pointer (&self->now, g_date_time_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_ACTIVITY_ROW);
  G_OBJECT_CLASS (pilote_activity_row_parent_class)->dispose (object);
}

static void
pilote_activity_row_class_init (PiloteActivityRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pilote_activity_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-activity-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, header_icon);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, header_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, done_check);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, kind_image);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, subject_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, due_box);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, due_image);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, reschedule_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_done_toggled_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pilote_activity_row_init (PiloteActivityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->reschedule_button, create_reschedule_popover, self,
                                         NULL);
}

GtkWidget *
pilote_activity_row_new (void)
{
  return g_object_new (PILOTE_TYPE_ACTIVITY_ROW, NULL);
}
