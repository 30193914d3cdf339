/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "pilote-chart-view.h"
#include "pilote-objectives-page-private.h"

/*
 * The rows of the objectives page: one per objective with its attainment
 * bar, pacing and status, and the gap-to-target figures and table. The
 * figures are the KPI engine's, formatted here and nothing more.
 */

/* Formatting */

const char *
pilote_obj_metric_label (PiloteMetric metric)
{
  switch (metric)
    {
    case PILOTE_METRIC_REVENUE: return _("Revenue");
    case PILOTE_METRIC_GROSS_MARGIN: return _("Gross margin");
    case PILOTE_METRIC_DEALS_WON: return _("Deals won");
    case PILOTE_METRIC_NEW_CLIENTS: return _("New clients");
    case PILOTE_METRIC_MEETINGS: return _("Meetings held");
    case PILOTE_METRIC_CALLS: return _("Calls made");
    case PILOTE_METRIC_WIN_RATE: return _("Win rate");
    case PILOTE_METRIC_QUALITATIVE:
    default:
      return _("Qualitative");
    }
}

char *
pilote_obj_format_money (PiloteMoney  amount,
                         const char  *currency)
{
  if (amount == PILOTE_MONEY_NONE)
    return g_strdup ("—");
  return pilote_money_format (amount, currency, PILOTE_MONEY_FORMAT_WHOLE);
}

char *
pilote_obj_format_ratio (double ratio)
{
  if (!isfinite (ratio))
    return g_strdup ("—");
  /* Translators: a percentage, "63 %" */
  return g_strdup_printf (_("%.0f %%"), ratio * 100.0);
}

/**
 * pilote_obj_format_value:
 * @value: minor units, a count, or basis points for a rate
 */
char *
pilote_obj_format_value (PiloteMetric  metric,
                         gint64        value,
                         const char   *currency)
{
  switch (metric)
    {
    case PILOTE_METRIC_REVENUE:
    case PILOTE_METRIC_GROSS_MARGIN:
      return pilote_obj_format_money (value, currency);
    case PILOTE_METRIC_WIN_RATE:
      /* Translators: a rate with one decimal, "63.2 %" */
      return g_strdup_printf (_("%.1f %%"), value / 100.0);
    case PILOTE_METRIC_DEALS_WON:
    case PILOTE_METRIC_NEW_CLIENTS:
    case PILOTE_METRIC_MEETINGS:
    case PILOTE_METRIC_CALLS:
    case PILOTE_METRIC_QUALITATIVE:
    default:
      return g_strdup_printf ("%" PRId64, value);
    }
}

char *
pilote_obj_describe_period (PilotePeriodKind  kind,
                            const char       *start,
                            GDateMonth        fiscal_start)
{
  PilotePeriod period;
  GDate date;

  if (start == NULL || !pilote_date_parse_iso (start, &date) || kind == PILOTE_PERIOD_CUSTOM)
    return g_strdup (start != NULL ? start : "");
  pilote_period_init_containing (&period, kind, &date, fiscal_start);
  return pilote_period_describe (&period);
}

static const char *
get_status_class (PilotePacingStatus status)
{
  switch (status)
    {
    case PILOTE_PACING_ON_TRACK: return "success";
    case PILOTE_PACING_AT_RISK: return "warning";
    case PILOTE_PACING_BEHIND: return "error";
    case PILOTE_PACING_NONE:
    default:
      return "dim-label";
    }
}

/* The attainment bar: the share reached over a track, coloured by the
 * pacing, with a mark where the figure should be by today */

typedef struct {
  double             attainment;   /* NAN: nothing to show */
  double             expected;     /* share of the target expected by today, NAN for no mark */
  PilotePacingStatus status;
} Bar;

static void
set_color (cairo_t                *cr,
           const PiloteChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height)
{
  double radius = MIN (height / 2, width / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_bar (cairo_t                *cr,
          const PiloteChartStyle *style,
          gpointer                data,
          double                  width,
          double                  height)
{
  const Bar *bar = data;
  double track = 8, top = (height - track) / 2;
  const PiloteChartColor *fill;

  set_color (cr, &style->grid);
  rounded_rectangle (cr, 0, top, width, track);
  cairo_fill (cr);

  switch (bar->status)
    {
    case PILOTE_PACING_ON_TRACK: fill = &style->positive; break;
    case PILOTE_PACING_AT_RISK: fill = &style->warning; break;
    case PILOTE_PACING_BEHIND: fill = &style->negative; break;
    case PILOTE_PACING_NONE:
    default:
      fill = &style->secondary;
      break;
    }
  if (isfinite (bar->attainment) && bar->attainment > 0)
    {
      set_color (cr, fill);
      rounded_rectangle (cr, 0, top, MAX (track, width * MIN (bar->attainment, 1.0)), track);
      cairo_fill (cr);
    }
  if (isfinite (bar->expected) && bar->expected > 0 && bar->expected < 1)
    {
      double x = round (width * bar->expected) + 0.5;

      set_color (cr, &style->target);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, height);
      cairo_stroke (cr);
    }
}

static GtkWidget *
create_bar (double              attainment,
            double              expected,
            PilotePacingStatus  status,
            const char         *description)
{
  GtkWidget *view = pilote_chart_view_new ();
  Bar *bar = g_new0 (Bar, 1);

  bar->attainment = attainment;
  bar->expected = expected;
  bar->status = status;
  gtk_widget_set_size_request (view, 120, 16);
  gtk_widget_set_focusable (view, FALSE);
  gtk_widget_set_can_target (view, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  pilote_chart_view_set_chart (PILOTE_CHART_VIEW (view), draw_bar, NULL, bar, g_free);
  return view;
}

static GtkWidget *
create_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
create_status_label (PilotePacingStatus status)
{
  GtkWidget *label = gtk_label_new (pilote_pacing_status_get_label (status));

  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, get_status_class (status));
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_name (label, "status");
  return label;
}

static GtkWidget *
create_delete_button (gint64 id)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Delete Objective"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete Objective"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "objectives-page.delete");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  return button;
}

static GtkListBoxRow *
create_row (gint64 id)
{
  GtkListBoxRow *row = GTK_LIST_BOX_ROW (gtk_list_box_row_new ());

  gtk_list_box_row_set_activatable (row, TRUE);
  g_object_set_data_full (G_OBJECT (row), "objective-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

gint64
pilote_obj_row_get_id (GtkListBoxRow *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "objective-id");

  return id != NULL ? *id : 0;
}

/* "The sales reps' objectives add up to 50 000 €: 10 000 € short of this target." */
static GtkWidget *
create_rollup_label (const PiloteObjItem *item,
                     const char          *currency)
{
  const PiloteObjective *o = item->progress->objective;
  gint64 difference = item->rollup.parts_target - o->target;
  g_autofree char *sum = pilote_obj_format_value (o->metric, item->rollup.parts_target, currency);
  g_autofree char *off = pilote_obj_format_value (o->metric, ABS (difference), currency);
  g_autofree char *text = NULL;
  gboolean teams = o->scope == PILOTE_SCOPE_COMPANY;
  GtkWidget *label;

  if (difference == 0)
    text = g_strdup_printf (teams ? _("The teams’ objectives add up to this target.")
                                  : _("The sales reps’ objectives add up to this target."));
  else if (difference < 0)
    /* Translators: the sum of the parts' targets, then what is missing */
    text = g_strdup_printf (teams ? _("The teams’ objectives add up to %s: %s short of this "
                                      "target.")
                                  : _("The sales reps’ objectives add up to %s: %s short of "
                                      "this target."), sum, off);
  else
    /* Translators: the sum of the parts' targets, then how much more it is */
    text = g_strdup_printf (teams ? _("The teams’ objectives add up to %s: %s over this target.")
                                  : _("The sales reps’ objectives add up to %s: %s over this "
                                      "target."), sum, off);
  label = create_label (text, difference == 0 ? "dim-label" : "warning");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_name (label, difference == 0 ? "rollup" : "rollup-warning");
  return label;
}

/**
 * pilote_obj_row_new:
 * @show_scope: say whose objective it is (in a list of several scopes)
 * @show_period: say which period it is for (when not the period shown)
 *
 * A quantitative objective: its metric, target and actual, the attainment
 * bar with the pacing mark, the status, and what its parts add up to.
 */
GtkWidget *
pilote_obj_row_new (const PiloteObjItem *item,
                    const PiloteObjData *data,
                    gboolean             show_scope,
                    gboolean             show_period)
{
  const PiloteObjectiveProgress *p = item->progress;
  const PiloteObjective *o = p->objective;
  GtkListBoxRow *row = create_row (o->base.id);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title, *figures, *pacing;
  g_autofree char *target = pilote_obj_format_value (o->metric, o->target, data->currency);
  g_autofree char *actual = pilote_obj_format_value (o->metric, p->actual, data->currency);
  g_autofree char *expected = pilote_obj_format_value (o->metric, p->expected, data->currency);
  g_autofree char *attainment = pilote_obj_format_ratio (p->attainment);
  g_autofree char *pace = pilote_obj_format_ratio (p->pacing);
  g_autofree char *figures_text = NULL;
  g_autofree char *pacing_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  title = create_label (show_scope ? item->scope_name : pilote_obj_metric_label (o->metric),
                        "heading");
  gtk_widget_set_name (title, "title");
  gtk_box_append (GTK_BOX (titles), title);
  if (show_period)
    {
      g_autofree char *period = pilote_obj_describe_period (o->period_kind, o->period_start,
                                                            p->period.fiscal_start);

      /* Translators: an objective's metric and period, "Revenue · Q4 2026" */
      subtitle = show_scope ? g_strdup_printf (_("%s · %s"), pilote_obj_metric_label (o->metric),
                                               period)
                            : g_steal_pointer (&period);
    }
  else if (show_scope)
    subtitle = g_strdup (pilote_obj_metric_label (o->metric));
  if (subtitle != NULL)
    gtk_box_append (GTK_BOX (titles), create_label (subtitle, "dim-label"));
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), create_status_label (p->status));
  gtk_box_append (GTK_BOX (header), create_delete_button (o->base.id));
  gtk_box_append (GTK_BOX (box), header);

  /* Translators: an objective's actual figure, its target and the share reached */
  figures_text = g_strdup_printf (_("%s of %s · %s reached"), actual, target, attainment);
  /* Translators: the bar's description for screen readers */
  description = g_strdup_printf (_("%s: %s"), pilote_obj_metric_label (o->metric), figures_text);
  gtk_box_append (GTK_BOX (box), create_bar (p->attainment,
                                             o->metric == PILOTE_METRIC_WIN_RATE ? NAN
                                                                                 : p->elapsed,
                                             p->status, description));
  figures = create_label (figures_text, NULL);
  gtk_widget_set_name (figures, "figures");
  gtk_box_append (GTK_BOX (box), figures);

  if (o->metric == PILOTE_METRIC_WIN_RATE)
    /* Translators: a rate is not accumulated: it is compared with its target as it is */
    pacing_text = g_strdup_printf (_("A rate is compared with its target as it stands: %s of it"),
                                   pace);
  else if (p->elapsed <= 0)
    pacing_text = g_strdup (_("The period has not started yet"));
  else if (p->elapsed >= 1)
    /* Translators: the pacing of an objective whose period is over */
    pacing_text = g_strdup_printf (_("Period over · %s of the target reached"), attainment);
  else
    /* Translators: the figure expected by today (target × elapsed share), then actual ÷ expected */
    pacing_text = g_strdup_printf (_("Expected by today: %s · pacing %s"), expected, pace);
  pacing = create_label (pacing_text, "dim-label");
  gtk_widget_set_name (pacing, "pacing");
  gtk_box_append (GTK_BOX (box), pacing);

  if (item->has_rollup)
    gtk_box_append (GTK_BOX (box), create_rollup_label (item, data->currency));

  gtk_list_box_row_set_child (row, box);
  return GTK_WIDGET (row);
}

static const char *
get_progress_status_label (PiloteProgressStatus status)
{
  switch (status)
    {
    case PILOTE_PROGRESS_IN_PROGRESS: return C_("objective status", "In progress");
    case PILOTE_PROGRESS_DONE: return C_("objective status", "Done");
    case PILOTE_PROGRESS_CANCELLED: return C_("objective status", "Cancelled");
    case PILOTE_PROGRESS_NOT_STARTED:
    default:
      return C_("objective status", "Not started");
    }
}

/**
 * pilote_obj_qualitative_row_new:
 *
 * A qualitative objective: its description, owner, due date, progress and
 * status, and the comments on it.
 */
GtkWidget *
pilote_obj_qualitative_row_new (const PiloteObjItem *item,
                                const PiloteObjData *data)
{
  const PiloteObjectiveProgress *p = item->progress;
  const PiloteObjective *o = p->objective;
  GtkListBoxRow *row = create_row (o->base.id);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title, *details, *status;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *progress_text = NULL;
  g_autofree char *details_text = NULL;
  gboolean closed = o->status == PILOTE_PROGRESS_DONE || o->status == PILOTE_PROGRESS_CANCELLED;
  gboolean overdue = FALSE;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  title = create_label (o->description != NULL ? o->description : "", "heading");
  gtk_widget_set_name (title, "title");
  gtk_box_append (GTK_BOX (titles), title);

  g_ptr_array_add (parts, g_strdup (item->scope_name));
  if (item->owner_name != NULL)
    /* Translators: who is in charge of a qualitative objective */
    g_ptr_array_add (parts, g_strdup_printf (_("Owner: %s"), item->owner_name));
  if (o->due_on != NULL)
    {
      GDate due;

      if (pilote_date_parse_iso (o->due_on, &due))
        {
          char text[64];

          overdue = !closed && g_date_compare (&due, &data->today) < 0;
          /* Translators: a due date, a strftime() format */
          g_date_strftime (text, sizeof text, C_("due", "%-d %b %Y"), &due);
          g_ptr_array_add (parts, overdue ? g_strdup_printf (_("Overdue since %s"), text)
                                          /* Translators: when a qualitative objective is due */
                                          : g_strdup_printf (_("Due %s"), text));
        }
    }
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the details of an objective */
  details_text = g_strjoinv (_(" · "), (char **) parts->pdata);
  details = create_label (details_text, overdue ? "error" : "dim-label");
  gtk_widget_set_name (details, "details");
  gtk_box_append (GTK_BOX (titles), details);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);

  status = gtk_label_new (get_progress_status_label (o->status));
  gtk_widget_add_css_class (status, "caption-heading");
  gtk_widget_add_css_class (status, o->status == PILOTE_PROGRESS_DONE ? "success"
                                    : closed ? "dim-label" : get_status_class (p->status));
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_set_name (status, "status");
  gtk_box_append (GTK_BOX (header), status);
  gtk_box_append (GTK_BOX (header), create_delete_button (o->base.id));
  gtk_box_append (GTK_BOX (box), header);

  /* Translators: a qualitative objective's progress, "40 % done" */
  progress_text = g_strdup_printf (_("%" PRId64 " %% done"), o->progress);
  gtk_box_append (GTK_BOX (box), create_bar (o->progress / 100.0, closed ? NAN : p->elapsed,
                                             o->status == PILOTE_PROGRESS_DONE
                                               ? PILOTE_PACING_ON_TRACK
                                               : closed ? PILOTE_PACING_NONE : p->status,
                                             progress_text));
  if (!closed && p->status != PILOTE_PACING_NONE)
    {
      g_autofree char *with_pacing = NULL;

      /* Translators: progress, then the pacing status ("40 % done · At risk") */
      with_pacing = g_strdup_printf (_("%s · %s"), progress_text,
                                     pilote_pacing_status_get_label (p->status));
      g_free (progress_text);
      progress_text = g_steal_pointer (&with_pacing);
    }
  gtk_box_append (GTK_BOX (box), create_label (progress_text, "dim-label"));
  if (o->comments != NULL && *o->comments != '\0')
    {
      GtkWidget *comments = create_label (o->comments, NULL);

      gtk_widget_set_name (comments, "comments");
      gtk_label_set_ellipsize (GTK_LABEL (comments), PANGO_ELLIPSIZE_END);
      gtk_label_set_lines (GTK_LABEL (comments), 3);
      gtk_box_append (GTK_BOX (box), comments);
    }

  gtk_list_box_row_set_child (row, box);
  return GTK_WIDGET (row);
}

/* Gap to target */

static GtkWidget *
create_figure (const char *caption,
               const char *value,
               const char *css_class,
               const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_box_append (GTK_BOX (box), create_label (caption, "caption"));
  gtk_widget_add_css_class (gtk_widget_get_first_child (box), "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_add_css_class (value_label, "title-3");
  if (css_class != NULL)
    gtk_widget_add_css_class (value_label, css_class);
  gtk_widget_set_name (value_label, name);
  gtk_box_append (GTK_BOX (box), value_label);
  return box;
}

/**
 * pilote_obj_gap_figures_new:
 *
 * The scope's gap to its revenue objective: target, won, weighted
 * pipeline, forecast, gap and the pipeline to create.
 */
GtkWidget *
pilote_obj_gap_figures_new (const PiloteObjData *data)
{
  const PiloteGap *gap = &data->gap;
  GtkWidget *flow = gtk_flow_box_new ();
  g_autofree char *target = pilote_obj_format_money (gap->target, data->currency);
  g_autofree char *won = pilote_obj_format_money (gap->won, data->currency);
  g_autofree char *weighted = pilote_obj_format_money (gap->weighted_pipeline, data->currency);
  g_autofree char *forecast = pilote_obj_format_money (gap->forecast, data->currency);
  g_autofree char *gap_text = NULL;
  g_autofree char *needed = pilote_obj_format_money (gap->pipeline_needed, data->currency);
  const char *gap_caption = _("Gap");

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);

  if (gap->gap != PILOTE_MONEY_NONE && gap->gap < 0)
    {
      gap_caption = _("Ahead of target by");
      gap_text = pilote_obj_format_money (-gap->gap, data->currency);
    }
  else
    gap_text = pilote_obj_format_money (gap->gap, data->currency);

  gtk_flow_box_append (GTK_FLOW_BOX (flow), create_figure (_("Target"), target, NULL,
                                                           "gap-target"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), create_figure (_("Won so far"), won, NULL,
                                                           "gap-won"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), create_figure (_("Weighted pipeline"), weighted, NULL,
                                                           "gap-weighted"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), create_figure (_("Forecast"), forecast, NULL,
                                                           "gap-forecast"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       create_figure (gap_caption, gap_text,
                                      gap->gap == PILOTE_MONEY_NONE ? NULL
                                      : gap->gap > 0 ? "error" : "success", "gap-gap"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), create_figure (_("Pipeline to create"), needed,
                                                           NULL, "gap-needed"));
  for (GtkWidget *child = gtk_widget_get_first_child (flow); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  return flow;
}

static void
attach_cell (GtkGrid    *grid,
             const char *text,
             int         column,
             int         row,
             gboolean    header,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (column == 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_widget_set_hexpand (label, TRUE);
    }
  if (header)
    {
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/**
 * pilote_obj_gap_table_new:
 *
 * The gap to target of each member of the scope, one line each.
 */
GtkWidget *
pilote_obj_gap_table_new (GPtrArray  *member_gaps,
                          const char *currency)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  const char *headers[] = {
    _("Sales rep"), _("Target"), C_("amount won", "Won"), _("Forecast"), _("Gap"),
    _("Pipeline to create"),
  };

  gtk_grid_set_column_spacing (grid, 18);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  gtk_widget_set_name (GTK_WIDGET (grid), "gap-table");
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    attach_cell (grid, headers[i], (int) i, 0, TRUE, NULL);
  for (guint i = 0; i < member_gaps->len; i++)
    {
      const PiloteObjMemberGap *member = g_ptr_array_index (member_gaps, i);
      const PiloteGap *gap = &member->gap;
      g_autofree char *target = pilote_obj_format_money (gap->target, currency);
      g_autofree char *won = pilote_obj_format_money (gap->won, currency);
      g_autofree char *forecast = pilote_obj_format_money (gap->forecast, currency);
      g_autofree char *gap_text = pilote_obj_format_money (gap->gap, currency);
      g_autofree char *needed = pilote_obj_format_money (gap->pipeline_needed, currency);

      attach_cell (grid, member->name, 0, (int) i + 1, FALSE, NULL);
      attach_cell (grid, target, 1, (int) i + 1, FALSE, NULL);
      attach_cell (grid, won, 2, (int) i + 1, FALSE, NULL);
      attach_cell (grid, forecast, 3, (int) i + 1, FALSE, NULL);
      attach_cell (grid, gap_text, 4, (int) i + 1, FALSE,
                   gap->gap == PILOTE_MONEY_NONE ? NULL : gap->gap > 0 ? "error" : "success");
      attach_cell (grid, needed, 5, (int) i + 1, FALSE, NULL);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (grid));
  return scroller;
}
