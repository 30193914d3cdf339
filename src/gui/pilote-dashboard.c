/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pilote-chart-view.h"
#include "pilote-dashboard-private.h"
#include "pilote-dashboard.h"

/**
 * PiloteDashboard:
 *
 * The month (quarter, year) at a glance: four headline cards and the
 * charts, for a period and filters that apply to the whole page. Figures
 * are computed in a worker thread; the page keeps showing the previous
 * figures meanwhile. Clicking a bar, a slice or a stage emits
 * #PiloteDashboard::drill-down, whose default handler lists the deals
 * behind it.
 */

struct _PiloteDashboard
{
  GtkWidget          parent_instance;

  PiloteStore       *store;
  PilotePeriod       period;
  GDate              today;
  char              *currency;
  GCancellable      *compute_cancellable;
  GCancellable      *options_cancellable;
  PiloteDashRequest *shown;          /* the request of the figures shown */
  gboolean           computing;
  gboolean           loading_options;
  gboolean           setting_filters;

  /* The workers wait for the page's first frame (see wait_for_first_frame()) */
  gboolean           released;
  gboolean           compute_waiting;
  gboolean           options_waiting;
  GdkFrameClock     *frame_clock;
  gulong             after_paint_id;
  guint              wait_id;
  gboolean           page_built;      /* the cards below the first row of charts */

  /* template */
  GtkStack          *stack;
  GtkLabel          *period_label;
  GtkToggleButton   *custom_button;
  GtkPopover        *custom_popover;
  GtkCalendar       *custom_from;
  GtkCalendar       *custom_to;
  GtkLabel          *custom_error;
  GtkButton         *custom_apply;
  GtkSpinner        *spinner;
  GtkFlowBox        *filter_box;
  GtkLabel          *error_label;
  GtkFlowBox        *charts_box;
  GtkBox            *content_box;
  PiloteDashHeadlineWidgets headlines[PILOTE_DASH_N_HEADLINES];

  GtkDropDown       *filters[PILOTE_DASH_N_FILTERS];
  PiloteChartView   *charts[PILOTE_DASH_N_CHARTS];
  GtkLabel          *cac_caption;
  GtkFlowBox        *gauge_box;
  GtkLabel          *gauge_caption;
  GtkListBox        *churn_list;
  GtkLabel          *churn_caption;
};

G_DEFINE_FINAL_TYPE (PiloteDashboard, pilote_dashboard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  PROP_PERIOD_KIND,
  N_PROPS
};

enum {
  DRILL_DOWN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void recompute (PiloteDashboard *self);
static void build_rest_of_page (PiloteDashboard *self);
static void start_loading_options (PiloteDashboard *self);

static const char *
get_all_label (PiloteDimension dimension)
{
  switch (dimension)
    {
    case PILOTE_DIMENSION_TEAM: return _("All teams");
    case PILOTE_DIMENSION_OFFICE: return _("All offices");
    case PILOTE_DIMENSION_MEMBER: return _("All sales reps");
    case PILOTE_DIMENSION_SEGMENT: return _("All segments");
    case PILOTE_DIMENSION_REGION: return _("All regions");
    case PILOTE_DIMENSION_CATEGORY: return _("All categories");
    case PILOTE_DIMENSION_CHANNEL: return _("All channels");
    default: return _("All");
    }
}

static void
set_busy (PiloteDashboard *self,
          gboolean         computing,
          gboolean         loading_options)
{
  gboolean was_busy = pilote_dashboard_get_busy (self);

  self->computing = computing;
  self->loading_options = loading_options;
  gtk_spinner_set_spinning (self->spinner, computing || loading_options);
  if (was_busy != pilote_dashboard_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (PiloteDashboard *self,
            const GError    *error)
{
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      return;
    }
  /* Translators: shown on the dashboard when its figures could not be computed */
  text = g_strdup_printf (_("The figures could not be computed: %s"), error->message);
  gtk_label_set_text (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static char *
format_money (PiloteDashboard *self,
              PiloteMoney      amount)
{
  if (amount == PILOTE_MONEY_NONE)
    return g_strdup ("—");
  return pilote_money_format (amount, self->currency, PILOTE_MONEY_FORMAT_WHOLE);
}

static void
show_gauges (PiloteDashboard *self,
             PiloteDashData  *data)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->gauge_box))) != NULL)
    gtk_flow_box_remove (self->gauge_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->gauge_box), data->gauges->len > 0);
  gtk_label_set_text (self->gauge_caption,
                      data->gauges->len > 0 ? _("Attainment and pacing of the objectives")
                                            : _("No objective applies to this period and "
                                                "these filters."));
  for (guint i = 0; i < data->gauges->len; i++)
    {
      PiloteDashChart *gauge = g_ptr_array_index (data->gauges, i);
      GtkWidget *view = pilote_chart_view_new ();

      gtk_widget_set_size_request (view, 130, 150);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gauge->name, -1);
      pilote_chart_view_set_formatter (PILOTE_CHART_VIEW (view), pilote_dash_format_value,
                                       g_strdup (self->currency), g_free);
      pilote_chart_view_set_describe (PILOTE_CHART_VIEW (view), pilote_dash_chart_describe);
      pilote_chart_view_set_chart (PILOTE_CHART_VIEW (view), pilote_dash_chart_draw,
                                   pilote_dash_chart_hit, gauge, pilote_dash_chart_free);
      g_ptr_array_index (data->gauges, i) = NULL;
      gtk_flow_box_append (self->gauge_box, view);
    }
}

static void
set_currency (PiloteDashboard *self,
              const char      *currency)
{
  if (g_strcmp0 (currency, self->currency) == 0)
    return;
  g_free (self->currency);
  self->currency = g_strdup (currency);
  for (guint i = 0; i < PILOTE_DASH_N_CHARTS; i++)
    if (self->charts[i] != NULL)
      pilote_chart_view_set_formatter (self->charts[i], pilote_dash_format_value,
                                       g_strdup (currency), g_free);
  for (guint i = 0; i < PILOTE_DASH_N_HEADLINES; i++)
    pilote_chart_view_set_formatter (self->headlines[i].spark, pilote_dash_format_value,
                                     g_strdup (currency), g_free);
}

static void
show_data (PiloteDashboard *self,
           PiloteDashData  *data)
{
  g_autofree char *stake = NULL;
  g_autofree char *count = NULL;
  g_autofree char *caption = NULL;

  build_rest_of_page (self);
  set_currency (self, data->currency);
  pilote_dash_show_headlines (self->headlines, data, self->cac_caption);
  for (guint i = 0; i < PILOTE_DASH_N_CHARTS; i++)
    pilote_chart_view_set_chart (self->charts[i], pilote_dash_chart_draw, pilote_dash_chart_hit,
                                 g_steal_pointer (&data->charts[i]), pilote_dash_chart_free);
  show_gauges (self, data);
  pilote_dash_fill_churn (self->churn_list, data);
  stake = format_money (self, data->churned_revenue);
  count = pilote_count_format (data->churned_clients);
  /* Translators: how many clients did not renew ("10,886"), and what they
   * bought before */
  caption = g_strdup_printf (ngettext ("Bought in the previous 12 months, not in the last 12: "
                                       "%s client, %s at stake",
                                       "Bought in the previous 12 months, not in the last 12: "
                                       "%s clients, %s at stake",
                                       (gulong) MAX (data->churned_clients, 0)),
                             count, stake);
  gtk_label_set_text (self->churn_caption, caption);
}

/* Computing */

static PiloteDashRequest *
build_request (PiloteDashboard *self)
{
  PiloteDashRequest *request = g_new0 (PiloteDashRequest, 1);

  request->path = g_strdup (pilote_store_get_path (self->store));
  request->period = self->period;
  request->today = self->today;
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    {
      guint selected = gtk_drop_down_get_selected (self->filters[i]);
      GListModel *model = gtk_drop_down_get_model (self->filters[i]);

      if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && model != NULL)
        request->filters[i] = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model),
                                                                    selected));
    }
  return request;
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* no reference is held: the dashboard cancels its computation when disposed */
  PiloteDashboard *self = user_data;
  g_autoptr(PiloteDashData) data = NULL;
  g_autoptr(GError) error = NULL;
  PiloteDashRequest *request = g_task_get_task_data (G_TASK (result));

  data = pilote_dash_compute_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->compute_cancellable);
  if (self->options_waiting && self->released)
    start_loading_options (self);
  set_busy (self, FALSE, self->loading_options);
  show_error (self, error);
  if (data == NULL)
    return;
  g_clear_pointer (&self->shown, pilote_dash_request_free);
  self->shown = pilote_dash_request_copy (request);
  show_data (self, data);
}

/* Waiting for the first frame: opening a file shows the page at once,
 * with its placeholders, and only then do the workers start reading the
 * file, so that they do not share the processors with the window's first
 * frame. A page that is not shown (another view, a window not presented)
 * does not wait; nor does one whose frame does not come. Then the figures
 * are read first, and the filters' values once they are shown: each
 * reader fills a page cache of its own, and reading one after the other
 * keeps the memory they take at once to one cache. */

#define FIRST_FRAME_TIMEOUT_SECONDS 5

static void
stop_waiting (PiloteDashboard *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  g_clear_handle_id (&self->wait_id, g_source_remove);
}

static void
release_workers (PiloteDashboard *self)
{
  stop_waiting (self);
  if (self->released)
    return;
  self->released = TRUE;
  /* the filters' values are read once the figures are shown (see
   * on_computed_cb()), so that both readers' caches are not filled at once */
  if (self->compute_waiting)
    recompute (self);
  else if (self->options_waiting)
    start_loading_options (self);
  /* while the workers read */
  build_rest_of_page (self);
}

static void
on_after_paint_cb (GdkFrameClock   *clock,
                   PiloteDashboard *self)
{
  release_workers (self);
}

static gboolean
first_frame_timeout_cb (gpointer user_data)
{
  PiloteDashboard *self = user_data;

  self->wait_id = 0;
  release_workers (self);
  return G_SOURCE_REMOVE;
}

/* once the window had its chance to map the page */
static gboolean
check_shown_cb (gpointer user_data)
{
  PiloteDashboard *self = user_data;

  self->wait_id = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    release_workers (self);
  else
    self->wait_id = g_timeout_add_seconds (FIRST_FRAME_TIMEOUT_SECONDS, first_frame_timeout_cb,
                                           self);
  return G_SOURCE_REMOVE;
}

static void
connect_after_paint (PiloteDashboard *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->after_paint_id != 0 || clock == NULL)
    return;
  self->frame_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint",
                                           G_CALLBACK (on_after_paint_cb), self);
}

static void
wait_for_first_frame (PiloteDashboard *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    connect_after_paint (self);
  if (self->wait_id == 0)
    self->wait_id = g_idle_add_full (G_PRIORITY_LOW, check_shown_cb, self, NULL);
}

static void
recompute (PiloteDashboard *self)
{
  g_autoptr(PiloteDashRequest) request = NULL;

  if (self->compute_cancellable != NULL)
    g_cancellable_cancel (self->compute_cancellable);
  g_clear_object (&self->compute_cancellable);
  self->compute_waiting = FALSE;
  if (self->store == NULL)
    {
      set_busy (self, FALSE, self->loading_options);
      return;
    }
  set_busy (self, TRUE, self->loading_options);
  if (!self->released)
    {
      self->compute_waiting = TRUE;
      wait_for_first_frame (self);
      return;
    }
  request = build_request (self);
  self->compute_cancellable = g_cancellable_new ();
  pilote_dash_compute_async (request, self->compute_cancellable, on_computed_cb, self);
}

static void
update_period (PiloteDashboard *self)
{
  g_autofree char *text = pilote_period_describe (&self->period);
  PilotePeriod next;

  gtk_label_set_text (self->period_label, text);
  pilote_period_next (&self->period, &next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.next",
                                 g_date_compare (&next.from, &self->today) <= 0);
  recompute (self);
}

static GDateMonth
get_fiscal_start (PiloteDashboard *self)
{
  return self->store != NULL ? pilote_store_get_fiscal_start (self->store) : G_DATE_JANUARY;
}

static void
set_period_kind (PiloteDashboard  *self,
                 PilotePeriodKind  kind)
{
  /* stay around the period shown, on today when it holds today */
  const GDate *date = pilote_period_contains (&self->period, &self->today) ? &self->today
                                                                           : &self->period.from;
  GDate around = *date;

  if (kind == self->period.kind)
    return;
  pilote_period_init_containing (&self->period, kind, &around, get_fiscal_start (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_KIND]);
  update_period (self);
}

/* Sets the period of the same kind that holds today; a custom period
 * keeps its length and ends today */
static void
set_current_period (PiloteDashboard *self)
{
  if (self->period.kind == PILOTE_PERIOD_CUSTOM)
    {
      guint n_days = pilote_period_days (&self->period);
      GDate from = self->today;
      GDate to = self->today;

      g_date_add_days (&to, 1);
      g_date_subtract_days (&from, MAX (n_days, 1) - 1);
      pilote_period_init_custom (&self->period, &from, &to);
    }
  else
    pilote_period_init_containing (&self->period, self->period.kind, &self->today,
                                   get_fiscal_start (self));
}

/* Custom period: two calendars, the first and the last day included; the
 * period itself ends the day after the last */

static void
set_custom_period (PiloteDashboard *self,
                   const GDate     *first,
                   const GDate     *last)
{
  GDate end = *last;

  g_date_add_days (&end, 1);
  if (!pilote_period_init_custom (&self->period, first, &end))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_KIND]);
  update_period (self);
}

static void
get_calendar_date (GtkCalendar *calendar,
                   GDate       *date)
{
  g_autoptr(GDateTime) time = gtk_calendar_get_date (calendar);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                  g_date_time_get_year (time));
}

static void
set_calendar_date (GtkCalendar *calendar,
                   const GDate *date)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (g_date_get_year (date),
                                                     g_date_get_month (date),
                                                     g_date_get_day (date), 12, 0, 0);

  gtk_calendar_select_day (calendar, time);
}

static void
on_custom_day_selected_cb (GtkCalendar     *calendar,
                           PiloteDashboard *self)
{
  GDate first, last;
  gboolean valid;

  get_calendar_date (self->custom_from, &first);
  get_calendar_date (self->custom_to, &last);
  valid = g_date_compare (&first, &last) <= 0;
  gtk_label_set_text (self->custom_error,
                      valid ? "" : _("The last day comes before the first: choose a later one."));
  gtk_widget_set_visible (GTK_WIDGET (self->custom_error), !valid);
  gtk_widget_set_sensitive (GTK_WIDGET (self->custom_apply), valid);
}

static void
on_custom_apply_clicked_cb (GtkButton       *button,
                            PiloteDashboard *self)
{
  GDate first, last;

  get_calendar_date (self->custom_from, &first);
  get_calendar_date (self->custom_to, &last);
  if (g_date_compare (&first, &last) > 0)
    return;
  gtk_popover_popdown (self->custom_popover);
  set_custom_period (self, &first, &last);
}

static void build_custom_popover (PiloteDashboard *self);

/* Opens the calendars on the period shown; they are built when first opened */
static void
show_custom_popover (PiloteDashboard *self)
{
  GDate last = self->period.to;

  if (self->custom_popover == NULL)
    build_custom_popover (self);
  g_date_subtract_days (&last, 1);
  set_calendar_date (self->custom_from, &self->period.from);
  set_calendar_date (self->custom_to, &last);
  on_custom_day_selected_cb (self->custom_from, self);
  gtk_popover_popup (self->custom_popover);
}

static GtkWidget *
create_calendar_column (const char   *title,
                        GtkCalendar **calendar)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  *calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_accessible_update_relation (GTK_ACCESSIBLE (*calendar),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*calendar));
  return box;
}

static void
build_custom_popover (PiloteDashboard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *calendars = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_append (GTK_BOX (calendars), create_calendar_column (_("First Day"), &self->custom_from));
  gtk_box_append (GTK_BOX (calendars), create_calendar_column (_("Last Day"), &self->custom_to));
  g_signal_connect_object (self->custom_from, "day-selected",
                           G_CALLBACK (on_custom_day_selected_cb), self, 0);
  g_signal_connect_object (self->custom_to, "day-selected",
                           G_CALLBACK (on_custom_day_selected_cb), self, 0);
  gtk_box_append (GTK_BOX (box), calendars);

  self->custom_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->custom_error, TRUE);
  gtk_label_set_xalign (self->custom_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->custom_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->custom_error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->custom_error));

  self->custom_apply = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Show Period")));
  gtk_widget_add_css_class (GTK_WIDGET (self->custom_apply), "suggested-action");
  gtk_widget_set_halign (GTK_WIDGET (self->custom_apply), GTK_ALIGN_END);
  g_signal_connect_object (self->custom_apply, "clicked",
                           G_CALLBACK (on_custom_apply_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->custom_apply));

  self->custom_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->custom_popover, box);
  gtk_popover_set_default_widget (self->custom_popover, GTK_WIDGET (self->custom_apply));
  gtk_widget_set_parent (GTK_WIDGET (self->custom_popover), GTK_WIDGET (self->custom_button));
}

/* Filters */

static void
on_filter_selected_cb (GtkDropDown     *drop_down,
                       GParamSpec      *pspec,
                       PiloteDashboard *self)
{
  if (!self->setting_filters)
    recompute (self);
}

static void
set_filter_options (PiloteDashboard  *self,
                    GPtrArray       **options)
{
  self->setting_filters = TRUE;
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
      guint selected = 0;
      const char *current = NULL;
      GListModel *old = gtk_drop_down_get_model (self->filters[i]);

      if (old != NULL && gtk_drop_down_get_selected (self->filters[i]) > 0)
        current = gtk_string_list_get_string (GTK_STRING_LIST (old),
                                              gtk_drop_down_get_selected (self->filters[i]));
      gtk_string_list_append (model, get_all_label (pilote_dash_filter_dimensions[i]));
      for (guint j = 0; options != NULL && options[i] != NULL && j < options[i]->len; j++)
        {
          const char *value = g_ptr_array_index (options[i], j);

          gtk_string_list_append (model, value);
          if (g_strcmp0 (value, current) == 0)
            selected = j + 1;
        }
      gtk_drop_down_set_model (self->filters[i], G_LIST_MODEL (model));
      gtk_drop_down_set_selected (self->filters[i], selected);
      gtk_widget_set_sensitive (GTK_WIDGET (self->filters[i]),
                                g_list_model_get_n_items (G_LIST_MODEL (model)) > 1);
    }
  self->setting_filters = FALSE;
}

static void
on_options_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PiloteDashboard *self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray **options = pilote_dash_options_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pilote_dash_options_free (options);
      return;
    }
  g_clear_object (&self->options_cancellable);
  if (options == NULL)
    show_error (self, error);
  else
    set_filter_options (self, options);
  pilote_dash_options_free (options);
  set_busy (self, self->computing, FALSE);
}

static void
start_loading_options (PiloteDashboard *self)
{
  self->options_waiting = FALSE;
  self->options_cancellable = g_cancellable_new ();
  pilote_dash_options_async (pilote_store_get_path (self->store), &self->today,
                             self->options_cancellable, on_options_loaded_cb, self);
}

static void
load_options (PiloteDashboard *self)
{
  if (self->options_cancellable != NULL)
    g_cancellable_cancel (self->options_cancellable);
  g_clear_object (&self->options_cancellable);
  self->options_waiting = FALSE;
  set_filter_options (self, NULL);
  if (self->store == NULL)
    {
      set_busy (self, self->computing, FALSE);
      return;
    }
  set_busy (self, self->computing, TRUE);
  if (!self->released)
    {
      self->options_waiting = TRUE;
      wait_for_first_frame (self);
      return;
    }
  start_loading_options (self);
}

/* Drilling down */

static void
on_item_activated_cb (PiloteChartView *view,
                      int              series,
                      int              item,
                      PiloteDashboard *self)
{
  const PiloteDashChart *chart = pilote_chart_view_get_data (view);
  const char *key, *label;

  if (chart == NULL || chart->drill == NULL || item < 0 || (guint) item >= chart->keys->len)
    return;
  key = g_ptr_array_index (chart->keys, item);
  label = g_ptr_array_index (chart->labels, item);
  if (key == NULL)
    return;
  if (g_strcmp0 (chart->drill, "month") == 0)
    {
      GDate date;
      g_autofree char *first = g_strdup_printf ("%s-01", key);
      char text[64];

      /* Translators: a month and its year in a title, a strftime() format */
      if (pilote_date_parse_iso (first, &date) &&
          g_date_strftime (text, sizeof text, C_("title", "%B %Y"), &date) > 0)
        {
          g_signal_emit (self, signals[DRILL_DOWN], 0, chart->drill, key, text);
          return;
        }
    }
  g_signal_emit (self, signals[DRILL_DOWN], 0, chart->drill, key, label);
}

static void
drill_down_default_cb (PiloteDashboard *self,
                       const char      *dimension,
                       const char      *key,
                       const char      *label)
{
  if (self->shown == NULL)
    return;
  pilote_dash_show_deals (GTK_WIDGET (self), self->shown, self->currency, dimension, key,
                          label != NULL ? label : key);
}

/* Building the page */

static PiloteChartView *
add_chart (PiloteDashboard *self,
           GtkWidget       *parent,
           const char      *title,
           const char      *subtitle,
           int              height,
           gboolean         activatable)
{
  GtkWidget *view = pilote_chart_view_new ();
  GtkWidget *card;

  gtk_widget_set_size_request (view, 280, height);
  g_object_set (view, "activatable", activatable, NULL);
  pilote_chart_view_set_describe (PILOTE_CHART_VIEW (view), pilote_dash_chart_describe);
  if (activatable)
    g_signal_connect_object (view, "item-activated", G_CALLBACK (on_item_activated_cb), self, 0);
  card = pilote_dash_card_new (title, subtitle, view);
  if (GTK_IS_FLOW_BOX (parent))
    gtk_flow_box_append (GTK_FLOW_BOX (parent), card);
  else
    gtk_box_insert_child_after (GTK_BOX (parent), card,
                                gtk_widget_get_prev_sibling (GTK_WIDGET (self->charts_box)));
  return PILOTE_CHART_VIEW (view);
}

static GtkLabel *
get_card_caption (GtkWidget *content)
{
  /* pilote_dash_card_new(): heading, caption, content */
  return GTK_LABEL (gtk_widget_get_prev_sibling (content));
}

static void
build_page (PiloteDashboard *self)
{
  GtkWidget *charts = GTK_WIDGET (self->charts_box);

  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    {
      PiloteDimension dimension = pilote_dash_filter_dimensions[i];

      self->filters[i] = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filters[i]),
                                   pilote_dimension_get_label (dimension));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->filters[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      pilote_dimension_get_label (dimension), -1);
      g_signal_connect_object (self->filters[i], "notify::selected",
                               G_CALLBACK (on_filter_selected_cb), self, 0);
      gtk_flow_box_append (self->filter_box, GTK_WIDGET (self->filters[i]));
    }

  self->charts[PILOTE_DASH_BY_MONTH] =
    add_chart (self, GTK_WIDGET (self->content_box), _("Revenue by month"),
               _("Against the objective and the same month a year before"), 260, TRUE);
  self->charts[PILOTE_DASH_BY_SEGMENT] =
    add_chart (self, charts, _("Revenue by segment"), NULL, 220, TRUE);
  self->charts[PILOTE_DASH_BY_CATEGORY] =
    add_chart (self, charts, _("Revenue by product category"), NULL, 220, TRUE);
  self->charts[PILOTE_DASH_BY_REGION] =
    add_chart (self, charts, _("Revenue by region"), NULL, 220, TRUE);

  /* the headline cards' sparklines */
  for (guint i = 0; i < PILOTE_DASH_N_HEADLINES; i++)
    {
      pilote_chart_view_set_describe (self->headlines[i].spark, pilote_dash_chart_describe);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->headlines[i].spark),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("The last twelve months"), -1);
    }
  set_currency (self, "EUR");
}

/* The cards after the first row of charts, below what the window first
 * shows: built with the first figures, not before the first frame */
static void
build_rest_of_page (PiloteDashboard *self)
{
  GtkWidget *charts = GTK_WIDGET (self->charts_box);
  GtkWidget *churn_scroll;

  if (self->page_built)
    return;
  self->page_built = TRUE;
  self->charts[PILOTE_DASH_BY_MEMBER] =
    add_chart (self, charts, _("Revenue by sales rep"), _("The ten largest"), 220, TRUE);
  self->charts[PILOTE_DASH_FUNNEL] =
    add_chart (self, charts, _("Funnel"), _("Deals that entered each stage in the period"), 220,
               TRUE);
  self->charts[PILOTE_DASH_MARGIN_BY_CATEGORY] =
    add_chart (self, charts, _("Gross margin by category"), NULL, 220, TRUE);
  self->charts[PILOTE_DASH_CAC_BY_CHANNEL] =
    add_chart (self, charts, _("Acquisition cost by channel"), "", 220, TRUE);
  self->cac_caption = get_card_caption (GTK_WIDGET (self->charts[PILOTE_DASH_CAC_BY_CHANNEL]));
  self->charts[PILOTE_DASH_LOST_REASONS] =
    add_chart (self, charts, _("Lost reasons"), _("Deals lost in the period"), 220, TRUE);

  self->gauge_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->gauge_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->gauge_box, TRUE);
  gtk_flow_box_set_min_children_per_line (self->gauge_box, 1);
  gtk_flow_box_set_max_children_per_line (self->gauge_box, 4);
  gtk_flow_box_append (self->charts_box,
                       pilote_dash_card_new (_("Objectives"), "", GTK_WIDGET (self->gauge_box)));
  self->gauge_caption = get_card_caption (GTK_WIDGET (self->gauge_box));

  self->churn_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->churn_list, GTK_SELECTION_NONE);
  gtk_list_box_set_placeholder (self->churn_list,
                                gtk_label_new (_("Every client bought again.")));
  churn_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (churn_scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (churn_scroll),
                                 GTK_WIDGET (self->churn_list));
  gtk_widget_set_size_request (churn_scroll, 280, 220);
  gtk_flow_box_append (self->charts_box,
                       pilote_dash_card_new (_("Clients that did not renew"), "",
                                             churn_scroll));
  self->churn_caption = get_card_caption (churn_scroll);

  for (guint i = PILOTE_DASH_BY_MEMBER; i < PILOTE_DASH_N_CHARTS; i++)
    pilote_chart_view_set_formatter (self->charts[i], pilote_dash_format_value,
                                     g_strdup (self->currency), g_free);
  /* flow box children take no focus: the charts inside do */
  for (GtkWidget *child = gtk_widget_get_first_child (charts); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

/* Actions */

static void
previous_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (widget);
  PilotePeriod previous;

  pilote_period_previous (&self->period, &previous);
  self->period = previous;
  update_period (self);
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (widget);
  PilotePeriod next;

  pilote_period_next (&self->period, &next);
  self->period = next;
  update_period (self);
}

static void
current_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (widget);

  set_current_period (self);
  update_period (self);
}

/* ("2026-09-10", "2026-10-20"): from the first to the last day, included */
static void
custom_period_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (widget);
  const char *first_text, *last_text;
  GDate first, last;

  g_variant_get (parameter, "(&s&s)", &first_text, &last_text);
  if (!pilote_date_parse_iso (first_text, &first) || !pilote_date_parse_iso (last_text, &last)
      || g_date_compare (&first, &last) > 0)
    {
      g_warning ("Not a period: %s to %s", first_text, last_text);
      return;
    }
  set_custom_period (self, &first, &last);
}

static void
filter_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (widget);
  const char *name, *value;
  PiloteDimension dimension;

  g_variant_get (parameter, "(&s&s)", &name, &value);
  if (!pilote_dimension_from_name (name, &dimension))
    return;
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    {
      GListModel *model = gtk_drop_down_get_model (self->filters[i]);

      if (pilote_dash_filter_dimensions[i] != dimension || model == NULL)
        continue;
      if (*value == '\0')
        {
          gtk_drop_down_set_selected (self->filters[i], 0);
          return;
        }
      for (guint j = 1; j < g_list_model_get_n_items (model); j++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), j), value) == 0)
          {
            gtk_drop_down_set_selected (self->filters[i], j);
            return;
          }
      g_debug ("No %s named “%s” to filter by", name, value);
    }
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  pilote_dashboard_refresh (PILOTE_DASHBOARD (widget));
}

/* GObject */

static const char *
get_period_kind_nick (PilotePeriodKind kind)
{
  switch (kind)
    {
    case PILOTE_PERIOD_QUARTER: return "quarter";
    case PILOTE_PERIOD_YEAR: return "year";
    case PILOTE_PERIOD_CUSTOM: return "custom";
    case PILOTE_PERIOD_WEEK:
    case PILOTE_PERIOD_MONTH:
    default:
      return "month";
    }
}

static void
pilote_dashboard_map (GtkWidget *widget)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (widget);

  GTK_WIDGET_CLASS (pilote_dashboard_parent_class)->map (widget);
  if (!self->released && (self->compute_waiting || self->options_waiting))
    connect_after_paint (self);
}

static void
pilote_dashboard_unmap (GtkWidget *widget)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (widget);

  /* hidden before its first frame: see whether it is shown again */
  if (!self->released && (self->compute_waiting || self->options_waiting))
    {
      stop_waiting (self);
      self->wait_id = g_idle_add_full (G_PRIORITY_LOW, check_shown_cb, self, NULL);
    }
  GTK_WIDGET_CLASS (pilote_dashboard_parent_class)->unmap (widget);
}

static void
pilote_dashboard_dispose (GObject *object)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (object);

  stop_waiting (self);
  self->compute_waiting = FALSE;
  self->options_waiting = FALSE;

  if (self->compute_cancellable != NULL)
    g_cancellable_cancel (self->compute_cancellable);
  if (self->options_cancellable != NULL)
    g_cancellable_cancel (self->options_cancellable);
  g_clear_object (&self->compute_cancellable);
  g_clear_object (&self->options_cancellable);
  g_clear_object (&self->store);
  if (self->custom_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->custom_popover));
      self->custom_popover = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_DASHBOARD);

  G_OBJECT_CLASS (pilote_dashboard_parent_class)->dispose (object);
}

static void
pilote_dashboard_finalize (GObject *object)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (object);

  g_clear_pointer (&self->shown, pilote_dash_request_free);
  g_free (self->currency);

  G_OBJECT_CLASS (pilote_dashboard_parent_class)->finalize (object);
}

static void
pilote_dashboard_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pilote_dashboard_get_busy (self));
      break;
    case PROP_PERIOD_KIND:
      g_value_set_string (value, get_period_kind_nick (self->period.kind));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_dashboard_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PiloteDashboard *self = PILOTE_DASHBOARD (object);
  const char *kind;

  switch (prop_id)
    {
    case PROP_STORE:
      pilote_dashboard_set_store (self, g_value_get_object (value));
      break;
    case PROP_PERIOD_KIND:
      kind = g_value_get_string (value);
      /* a custom period is chosen in the calendars first */
      if (g_strcmp0 (kind, "custom") == 0)
        {
          show_custom_popover (self);
          break;
        }
      set_period_kind (self, g_strcmp0 (kind, "quarter") == 0 ? PILOTE_PERIOD_QUARTER
                             : g_strcmp0 (kind, "year") == 0 ? PILOTE_PERIOD_YEAR
                             : PILOTE_PERIOD_MONTH);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND_HEADLINE(widget_class, name, index)                                              \
  G_STMT_START {                                                                              \
    gtk_widget_class_bind_template_child_full (widget_class, name "_value", FALSE,            \
      G_STRUCT_OFFSET (PiloteDashboard, headlines) + index * sizeof (PiloteDashHeadlineWidgets)                 \
      + G_STRUCT_OFFSET (PiloteDashHeadlineWidgets, value));                                                   \
    gtk_widget_class_bind_template_child_full (widget_class, name "_previous", FALSE,         \
      G_STRUCT_OFFSET (PiloteDashboard, headlines) + index * sizeof (PiloteDashHeadlineWidgets)                 \
      + G_STRUCT_OFFSET (PiloteDashHeadlineWidgets, previous));                                                \
    gtk_widget_class_bind_template_child_full (widget_class, name "_year", FALSE,             \
      G_STRUCT_OFFSET (PiloteDashboard, headlines) + index * sizeof (PiloteDashHeadlineWidgets)                 \
      + G_STRUCT_OFFSET (PiloteDashHeadlineWidgets, year));                                                    \
    gtk_widget_class_bind_template_child_full (widget_class, name "_objective", FALSE,        \
      G_STRUCT_OFFSET (PiloteDashboard, headlines) + index * sizeof (PiloteDashHeadlineWidgets)                 \
      + G_STRUCT_OFFSET (PiloteDashHeadlineWidgets, objective));                                               \
    gtk_widget_class_bind_template_child_full (widget_class, name "_level", FALSE,            \
      G_STRUCT_OFFSET (PiloteDashboard, headlines) + index * sizeof (PiloteDashHeadlineWidgets)                 \
      + G_STRUCT_OFFSET (PiloteDashHeadlineWidgets, level));                                                   \
    gtk_widget_class_bind_template_child_full (widget_class, name "_spark", FALSE,            \
      G_STRUCT_OFFSET (PiloteDashboard, headlines) + index * sizeof (PiloteDashHeadlineWidgets)                 \
      + G_STRUCT_OFFSET (PiloteDashHeadlineWidgets, spark));                                                   \
  } G_STMT_END

static void
pilote_dashboard_class_init (PiloteDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_dashboard_dispose;
  object_class->finalize = pilote_dashboard_finalize;
  object_class->get_property = pilote_dashboard_get_property;
  object_class->set_property = pilote_dashboard_set_property;
  widget_class->map = pilote_dashboard_map;
  widget_class->unmap = pilote_dashboard_unmap;

  /**
   * PiloteDashboard:store:
   *
   * The file whose figures are shown, %NULL for none.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PiloteDashboard:busy:
   *
   * Whether figures are being computed.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PiloteDashboard:period-kind:
   *
   * "month", "quarter", "year" or "custom": the kind of period shown.
   * Setting "custom" opens the calendars to choose the days; use the
   * "dashboard.custom-period" action to set them.
   */
  properties[PROP_PERIOD_KIND] =
    g_param_spec_string ("period-kind", NULL, NULL, "month",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PiloteDashboard::drill-down:
   * @dimension: what was clicked: a dimension name ("segment", "region",
   *   "member", "month"…), "stage" or "lost-reason"
   * @key: the value clicked: a segment's name, a month ("2026-10")…
   * @label: the value as shown to users
   *
   * Emitted when a bar, a slice or a stage is clicked. The default handler
   * opens a window listing the deals behind it; stop the emission to show
   * them some other way.
   */
  signals[DRILL_DOWN] =
    g_signal_new_class_handler ("drill-down", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (drill_down_default_cb), NULL, NULL, NULL,
                                G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "dashboard.previous", NULL, previous_action_cb);
  gtk_widget_class_install_action (widget_class, "dashboard.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "dashboard.current", NULL, current_action_cb);
  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_action_cb);
  /* what others saved, shown again (see pilote-window.c) */
  gtk_widget_class_install_action (widget_class, "view.reload", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "dashboard.filter", "(ss)", filter_action_cb);
  gtk_widget_class_install_property_action (widget_class, "dashboard.period-kind", "period-kind");
  gtk_widget_class_install_action (widget_class, "dashboard.custom-period", "(ss)",
                                   custom_period_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "dashboard.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "dashboard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "dashboard.current", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dashboard.refresh", NULL);

  g_type_ensure (PILOTE_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteDashboard, stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteDashboard, period_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteDashboard, custom_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteDashboard, spinner);
  gtk_widget_class_bind_template_child (widget_class, PiloteDashboard, filter_box);
  gtk_widget_class_bind_template_child (widget_class, PiloteDashboard, error_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteDashboard, charts_box);
  gtk_widget_class_bind_template_child (widget_class, PiloteDashboard, content_box);
  BIND_HEADLINE (widget_class, "revenue", PILOTE_DASH_REVENUE);
  BIND_HEADLINE (widget_class, "win_rate", PILOTE_DASH_WIN_RATE);
  BIND_HEADLINE (widget_class, "margin", PILOTE_DASH_MARGIN);
  BIND_HEADLINE (widget_class, "cac", PILOTE_DASH_CAC);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboard");
}

static void
init_today (PiloteDashboard *self)
{
  const char *forced = g_getenv ("PILOTE_TODAY");

  if (forced == NULL || !pilote_date_parse_iso (forced, &self->today))
    pilote_date_set_today (&self->today);
}

static void
pilote_dashboard_init (PiloteDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  init_today (self);
  pilote_period_init_containing (&self->period, PILOTE_PERIOD_MONTH, &self->today,
                                 G_DATE_JANUARY);
  build_page (self);
  update_period (self);
  set_filter_options (self, NULL);
}

GtkWidget *
pilote_dashboard_new (void)
{
  return g_object_new (PILOTE_TYPE_DASHBOARD, NULL);
}

/**
 * pilote_dashboard_get_store:
 *
 * Returns: (transfer none) (nullable): the file shown
 */
PiloteStore *
pilote_dashboard_get_store (PiloteDashboard *self)
{
  g_return_val_if_fail (PILOTE_IS_DASHBOARD (self), NULL);

  return self->store;
}

/**
 * pilote_dashboard_set_store:
 * @store: (nullable): the file to show
 *
 * Shows the figures of @store, for the current period with no filter. They
 * are read on a connection of their own, in a worker thread.
 */
void
pilote_dashboard_set_store (PiloteDashboard *self,
                            PiloteStore     *store)
{
  g_return_if_fail (PILOTE_IS_DASHBOARD (self));
  g_return_if_fail (store == NULL || PILOTE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_pointer (&self->shown, pilote_dash_request_free);
  gtk_stack_set_visible_child_name (self->stack, store != NULL ? "content" : "empty");
  show_error (self, NULL);
  set_current_period (self);
  load_options (self);
  update_period (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * pilote_dashboard_get_busy:
 *
 * Returns: whether figures or the filters' values are being read
 */
gboolean
pilote_dashboard_get_busy (PiloteDashboard *self)
{
  g_return_val_if_fail (PILOTE_IS_DASHBOARD (self), FALSE);

  return self->computing || self->loading_options;
}

/**
 * pilote_dashboard_refresh:
 *
 * Computes the figures again, after the file changed.
 */
void
pilote_dashboard_refresh (PiloteDashboard *self)
{
  g_return_if_fail (PILOTE_IS_DASHBOARD (self));

  recompute (self);
}
