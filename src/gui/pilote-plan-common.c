/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pilote-enums.h"
#include "pilote-error.h"
#include "pilote-plan-common.h"

/* Period and scope */

/**
 * pilote_plan_read_period:
 * @period_kind: "week", "month", "quarter" or "year"
 * @period_start: the period's first day, ISO
 *
 * Returns: whether @period could be set from the view's properties
 */
gboolean
pilote_plan_read_period (PiloteStore  *store,
                         const char   *period_kind,
                         const char   *period_start,
                         PilotePeriod *period)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (PILOTE_TYPE_PERIOD_KIND);
  GEnumValue *kind = period_kind != NULL ? g_enum_get_value_by_nick (kinds, period_kind) : NULL;
  GDate start;

  if (kind == NULL || kind->value == PILOTE_PERIOD_CUSTOM ||
      !pilote_date_parse_iso (period_start, &start))
    return FALSE;
  pilote_period_init_containing (period, kind->value, &start,
                                 store != NULL ? pilote_store_get_fiscal_start (store)
                                               : G_DATE_JANUARY);
  return TRUE;
}

PiloteScope
pilote_plan_read_scope (const char *scope_kind)
{
  if (g_strcmp0 (scope_kind, "team") == 0)
    return PILOTE_SCOPE_TEAM;
  if (g_strcmp0 (scope_kind, "member") == 0)
    return PILOTE_SCOPE_MEMBER;
  return PILOTE_SCOPE_COMPANY;
}

const char *
pilote_plan_status_label (PiloteProgressStatus status)
{
  switch (status)
    {
    case PILOTE_PROGRESS_NOT_STARTED:
      return C_("action status", "To do");
    case PILOTE_PROGRESS_IN_PROGRESS:
      return C_("action status", "In progress");
    case PILOTE_PROGRESS_DONE:
      return C_("action status", "Done");
    case PILOTE_PROGRESS_CANCELLED:
      return C_("action status", "Cancelled");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "15 Nov 2026" */
char *
pilote_plan_format_date (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!pilote_date_parse_iso (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
  /* Translators: a date, see the strftime manual ("15 Nov 2026") */
  return g_date_time_format (time, C_("date format", "%-d %b %Y"));
}

/* "November 2026" */
char *
pilote_plan_format_month (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!pilote_date_parse_iso (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), 1, 12, 0, 0);
  /* Translators: a month and its year, see the strftime manual ("November 2026") */
  return g_date_time_format (time, C_("month format", "%B %Y"));
}

/* Objectives */

static const char *
metric_label (PiloteMetric metric)
{
  switch (metric)
    {
    case PILOTE_METRIC_REVENUE:
      return _("Revenue");
    case PILOTE_METRIC_GROSS_MARGIN:
      return _("Gross margin");
    case PILOTE_METRIC_DEALS_WON:
      return _("Deals won");
    case PILOTE_METRIC_NEW_CLIENTS:
      return _("New clients");
    case PILOTE_METRIC_MEETINGS:
      return _("Meetings held");
    case PILOTE_METRIC_CALLS:
      return _("Calls made");
    case PILOTE_METRIC_WIN_RATE:
      return _("Win rate");
    case PILOTE_METRIC_QUALITATIVE:
    default:
      return _("Objective");
    }
}

/**
 * pilote_plan_objective_label:
 *
 * Returns: (transfer full): what an objective is called in lists: its
 *   description, or its metric and period ("Revenue · 2026")
 */
char *
pilote_plan_objective_label (PiloteStore           *store,
                             const PiloteObjective *objective)
{
  PilotePeriod period;
  g_autofree char *when = NULL;

  if (objective->metric == PILOTE_METRIC_QUALITATIVE && objective->description != NULL)
    return g_strdup (objective->description);
  if (!pilote_plan_read_period (store, objective->period_kind == PILOTE_PERIOD_WEEK ? "week"
                                       : objective->period_kind == PILOTE_PERIOD_MONTH ? "month"
                                       : objective->period_kind == PILOTE_PERIOD_QUARTER ? "quarter"
                                       : "year",
                                objective->period_start, &period))
    return g_strdup (metric_label (objective->metric));
  when = pilote_period_describe (&period);
  /* Translators: an objective's metric and its period ("Revenue · 2026") */
  return g_strdup_printf (_("%s · %s"), metric_label (objective->metric), when);
}

/* Dates */

static void
on_day_selected_cb (GtkCalendar *calendar,
                    AdwEntryRow *row)
{
  g_autoptr(GDateTime) time = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (time, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), iso);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_calendar_shown_cb (GtkPopover  *popover,
                      AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!pilote_date_parse_iso (gtk_editable_get_text (GTK_EDITABLE (row)), &date))
    pilote_date_set_today (&date);
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
  g_signal_handlers_block_by_func (calendar, on_day_selected_cb, row);
  gtk_calendar_select_day (calendar, time);
  g_signal_handlers_unblock_by_func (calendar, on_day_selected_cb, row);
}

/* A calendar beside a row that holds an ISO date */
void
pilote_plan_add_date_button (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a date"), -1);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), row);
  g_signal_connect (popover, "show", G_CALLBACK (on_calendar_shown_cb), row);
  adw_entry_row_add_suffix (row, button);
}

/**
 * pilote_plan_parse_date_row:
 * @iso: (out): the date, %NULL when the row is empty
 */
gboolean
pilote_plan_parse_date_row (AdwEntryRow  *row,
                            char        **iso,
                            GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GDate date;
  char buf[PILOTE_ISO_DATE_LEN];

  *iso = NULL;
  if (*text == '\0')
    return TRUE;
  if (!pilote_date_parse_iso (text, &date))
    {
      /* Translators: a field name */
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("%s: type a date as YYYY-MM-DD, or choose one in the calendar."),
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      return FALSE;
    }
  pilote_date_to_iso (&date, buf);
  *iso = g_strdup (buf);
  return TRUE;
}

/* Lists */

/**
 * pilote_plan_fill_combo:
 * @none: (nullable): the label of a first "none" choice (id 0)
 *
 * Lists named records (teams, members, channels…) in @row, by name.
 *
 * Returns: (transfer full): the id of each choice
 */
GArray *
pilote_plan_fill_combo (AdwComboRow  *row,
                        PiloteStore  *store,
                        PiloteEntity  entity,
                        const char   *none)
{
  PiloteQuery query = { .sort_field = "name", .limit = 2000 };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  if (none != NULL)
    {
      gint64 zero = 0;

      gtk_string_list_append (names, none);
      g_array_append_val (ids, zero);
    }
  list = pilote_store_list (store, entity, &query, &error);
  if (list == NULL)
    g_warning ("Could not list the %s: %s", pilote_entity_get_table (entity), error->message);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const PiloteNamed *named = g_ptr_array_index (list, i);

      gtk_string_list_append (names, named->name);
      g_array_append_val (ids, named->base.id);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  return ids;
}

guint
pilote_plan_find_id (GArray *ids,
                     gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return 0;
}

gint64
pilote_plan_selected_id (AdwComboRow *row,
                         GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

/* Feedback */

/**
 * pilote_plan_show_toast:
 * @with_undo: give the toast an Undo button
 *
 * Shows a toast in the toast overlay above @widget.
 *
 * Returns: (transfer none) (nullable): the toast, %NULL without an overlay
 */
AdwToast *
pilote_plan_show_toast (GtkWidget  *widget,
                        const char *title,
                        gboolean    with_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_debug ("No toast overlay: “%s” is not shown", title);
      return NULL;
    }
  toast = adw_toast_new (title);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 10);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return toast;
}

void
pilote_plan_show_error (GtkWidget  *widget,
                        const char *heading,
                        const char *body)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  g_message ("%s: %s", heading, body);
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Asking for a line of text */

typedef struct {
  GtkWidget              *page;
  GtkEntry               *entry;
  PilotePlanTextCallback  callback;
  gpointer                user_data;
} AskText;

static void
ask_text_free (gpointer data)
{
  AskText *ask = data;

  g_clear_weak_pointer (&ask->page);
  g_free (ask);
}

static void
on_ask_text_changed_cb (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "accept", *text != '\0');
}

static void
on_ask_text_activated_cb (GtkEntry         *entry,
                          AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "accept"))
    adw_message_dialog_response (dialog, "accept");
}

static void
on_ask_text_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         AskText          *ask)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "accept") != 0 || ask->page == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->entry))));
  ask->callback (ask->page, text, ask->user_data);
}

/**
 * pilote_plan_ask_text:
 * @text: (nullable): the text to start from
 *
 * Asks for a line of text in a dialog; @callback gets it, stripped and
 * never empty, when the user accepts.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
pilote_plan_ask_text (GtkWidget              *page,
                      const char             *heading,
                      const char             *body,
                      const char             *text,
                      const char             *accept_label,
                      PilotePlanTextCallback  callback,
                      gpointer                user_data)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);
  GtkWidget *entry = gtk_entry_new ();
  AskText *ask = g_new0 (AskText, 1);

  g_set_weak_pointer (&ask->page, page);
  ask->entry = GTK_ENTRY (entry);
  ask->callback = callback;
  ask->user_data = user_data;
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "accept", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_ask_text_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_ask_text_activated_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_ask_text_response_cb), ask,
                         (GClosureNotify) (void (*) (void)) ask_text_free, 0);
  on_ask_text_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}
