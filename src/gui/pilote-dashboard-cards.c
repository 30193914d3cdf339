/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pilote-dashboard-private.h"

/* The charts of the dashboard: their data, drawing, hit-testing and
 * tooltips, and the cards that hold them. */

PiloteDashChart *
pilote_dash_chart_new (PiloteDashChartKind   kind,
                       PiloteChartValueKind  value_kind,
                       const char           *drill)
{
  PiloteDashChart *chart = g_new0 (PiloteDashChart, 1);

  chart->kind = kind;
  chart->value_kind = value_kind;
  chart->drill = drill;
  chart->labels = g_ptr_array_new_with_free_func (g_free);
  chart->keys = g_ptr_array_new_with_free_func (g_free);
  chart->values = g_array_new (FALSE, FALSE, sizeof (double));
  chart->values2 = g_array_new (FALSE, FALSE, sizeof (double));
  chart->values3 = g_array_new (FALSE, FALSE, sizeof (double));
  chart->target = NAN;
  chart->expected = NAN;
  return chart;
}

void
pilote_dash_chart_free (gpointer data)
{
  PiloteDashChart *chart = data;

  if (chart == NULL)
    return;
  g_ptr_array_unref (chart->labels);
  g_ptr_array_unref (chart->keys);
  g_array_unref (chart->values);
  g_array_unref (chart->values2);
  g_array_unref (chart->values3);
  g_free (chart->name);
  g_free (chart);
}

void
pilote_dash_chart_add (PiloteDashChart *chart,
                       const char      *label,
                       const char      *key,
                       double           value)
{
  g_ptr_array_add (chart->labels, g_strdup (label));
  g_ptr_array_add (chart->keys, g_strdup (key));
  g_array_append_val (chart->values, value);
}

guint
pilote_dash_chart_get_size (const PiloteDashChart *chart)
{
  return chart->values->len;
}

char *
pilote_dash_format_value (double                value,
                          PiloteChartValueKind  kind,
                          gboolean              short_form,
                          gpointer              user_data)
{
  const char *currency = user_data;

  switch (kind)
    {
    case PILOTE_CHART_VALUE_MONEY:
      return pilote_money_format (llround (value * pow (10, pilote_currency_digits (currency))),
                                  currency,
                                  short_form ? PILOTE_MONEY_FORMAT_SHORT | PILOTE_MONEY_FORMAT_WHOLE
                                             : PILOTE_MONEY_FORMAT_WHOLE);
    case PILOTE_CHART_VALUE_PERCENT:
      /* Translators: a percentage, as in "63.2 %" */
      return g_strdup_printf (short_form ? _("%.0f %%") : _("%.1f %%"), value * 100.0);
    case PILOTE_CHART_VALUE_DAYS:
      return g_strdup_printf ("%.0f", value);
    case PILOTE_CHART_VALUE_COUNT:
    default:
      /* grouped as amounts are: "16,588", "16 588" */
      return pilote_count_format (llround (value));
    }
}

/* The chart structures, pointing into the data */
typedef struct {
  PiloteChartSeries series;
  union {
    PiloteChartLine      line;
    PiloteChartBars      bars;
    PiloteChartFunnel    funnel;
    PiloteChartGauge     gauge;
    PiloteChartDonut     donut;
    PiloteChartSparkline sparkline;
  } u;
} Built;

static void
build_chart (const PiloteDashChart *chart,
             Built                 *b)
{
  const char * const *labels = (const char * const *) chart->labels->pdata;
  const double *values = (const double *) (gpointer) chart->values->data;
  guint n = chart->values->len;

  memset (b, 0, sizeof *b);
  b->series.name = chart->name;
  b->series.values = values;
  switch (chart->kind)
    {
    case PILOTE_DASH_CHART_LINE:
      b->u.line.kind = chart->value_kind;
      b->u.line.periods = labels;
      b->u.line.n_periods = n;
      b->u.line.series = &b->series;
      b->u.line.n_series = 1;
      b->u.line.target = chart->values2->len == n && n > 0
                           ? (const double *) (gpointer) chart->values2->data : NULL;
      b->u.line.target_name = _("Objective");
      b->u.line.previous = chart->values3->len == n && n > 0
                             ? (const double *) (gpointer) chart->values3->data : NULL;
      b->u.line.previous_name = _("A year before");
      b->u.line.area = TRUE;
      b->u.line.include_zero = TRUE;
      break;
    case PILOTE_DASH_CHART_BARS:
      b->u.bars.orientation = PILOTE_CHART_BARS_HORIZONTAL;
      b->u.bars.mode = PILOTE_CHART_BARS_GROUPED;
      b->u.bars.kind = chart->value_kind;
      b->u.bars.categories = labels;
      b->u.bars.n_categories = n;
      b->u.bars.series = &b->series;
      b->u.bars.n_series = 1;
      b->u.bars.value_labels = TRUE;
      break;
    case PILOTE_DASH_CHART_FUNNEL:
      b->u.funnel.kind = chart->value_kind;
      b->u.funnel.stages = labels;
      b->u.funnel.values = values;
      b->u.funnel.n_stages = n;
      break;
    case PILOTE_DASH_CHART_GAUGE:
      b->u.gauge.kind = chart->value_kind;
      b->u.gauge.value = n > 0 ? values[0] : NAN;
      b->u.gauge.target = chart->target;
      b->u.gauge.expected = chart->expected;
      b->u.gauge.status = chart->status;
      b->u.gauge.label = chart->name;
      break;
    case PILOTE_DASH_CHART_DONUT:
      b->u.donut.kind = chart->value_kind;
      b->u.donut.labels = labels;
      b->u.donut.values = values;
      b->u.donut.n_items = n;
      b->u.donut.total_label = chart->name;
      break;
    case PILOTE_DASH_CHART_SPARKLINE:
    default:
      b->u.sparkline.values = values;
      b->u.sparkline.n_values = n;
      b->u.sparkline.area = TRUE;
      break;
    }
}

void
pilote_dash_chart_draw (cairo_t                *cr,
                        const PiloteChartStyle *style,
                        gpointer                data,
                        double                  width,
                        double                  height)
{
  const PiloteDashChart *chart = data;
  Built b;

  build_chart (chart, &b);
  switch (chart->kind)
    {
    case PILOTE_DASH_CHART_LINE:
      pilote_chart_line_draw (cr, style, &b.u.line, width, height);
      break;
    case PILOTE_DASH_CHART_BARS:
      pilote_chart_bars_draw (cr, style, &b.u.bars, width, height);
      break;
    case PILOTE_DASH_CHART_FUNNEL:
      pilote_chart_funnel_draw (cr, style, &b.u.funnel, width, height);
      break;
    case PILOTE_DASH_CHART_GAUGE:
      pilote_chart_gauge_draw (cr, style, &b.u.gauge, width, height);
      break;
    case PILOTE_DASH_CHART_DONUT:
      pilote_chart_donut_draw (cr, style, &b.u.donut, width, height);
      break;
    case PILOTE_DASH_CHART_SPARKLINE:
    default:
      pilote_chart_sparkline_draw (cr, style, &b.u.sparkline, width, height);
      break;
    }
}

gboolean
pilote_dash_chart_hit (const PiloteChartStyle *style,
                       gpointer                data,
                       double                  width,
                       double                  height,
                       double                  x,
                       double                  y,
                       PiloteChartHit         *hit)
{
  const PiloteDashChart *chart = data;
  gboolean found;
  Built b;

  build_chart (chart, &b);
  switch (chart->kind)
    {
    case PILOTE_DASH_CHART_LINE:
      found = pilote_chart_line_hit (style, &b.u.line, width, height, x, y, hit);
      break;
    case PILOTE_DASH_CHART_BARS:
      found = pilote_chart_bars_hit (style, &b.u.bars, width, height, x, y, hit);
      break;
    case PILOTE_DASH_CHART_FUNNEL:
      found = pilote_chart_funnel_hit (style, &b.u.funnel, width, height, x, y, hit);
      break;
    case PILOTE_DASH_CHART_GAUGE:
      found = pilote_chart_gauge_hit (style, &b.u.gauge, width, height, x, y, hit);
      break;
    case PILOTE_DASH_CHART_DONUT:
      found = pilote_chart_donut_hit (style, &b.u.donut, width, height, x, y, hit);
      break;
    case PILOTE_DASH_CHART_SPARKLINE:
    default:
      found = pilote_chart_sparkline_hit (style, &b.u.sparkline, width, height, x, y, hit);
      break;
    }
  /* legends and the gauge's ring stand for no item of their own */
  return found && (hit->item >= 0 || hit->item == PILOTE_CHART_ITEM_OTHER ||
                   chart->kind == PILOTE_DASH_CHART_GAUGE);
}

static char *
format_exact (const PiloteChartStyle *style,
              const PiloteDashChart  *chart,
              double                  value)
{
  if (isnan (value))
    return g_strdup ("—");
  if (chart->value_kind == PILOTE_CHART_VALUE_MONEY && style->format_data != NULL)
    {
      const char *currency = style->format_data;

      return pilote_money_format (llround (value * pow (10, pilote_currency_digits (currency))),
                                  currency, PILOTE_MONEY_FORMAT_DEFAULT);
    }
  return pilote_chart_style_format (style, value, chart->value_kind, FALSE);
}

static double
value_at (GArray *values,
          guint   i)
{
  return i < values->len ? g_array_index (values, double, i) : NAN;
}

/* "November 2026" from a "2026-11" key */
static char *
describe_month (const char *key)
{
  GDate date;
  char text[64];

  g_date_clear (&date, 1);
  if (key == NULL || strlen (key) < 7)
    return g_strdup ("");
  g_date_set_dmy (&date, 1, (GDateMonth) g_ascii_strtoull (key + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (key, NULL, 10));
  if (!g_date_valid (&date))
    return g_strdup (key);
  /* Translators: a month and its year in a tooltip, a strftime() format */
  g_date_strftime (text, sizeof text, C_("tooltip", "%B %Y"), &date);
  return g_strdup (text);
}

char *
pilote_dash_chart_describe (const PiloteChartStyle *style,
                            gpointer                data,
                            const PiloteChartHit   *hit)
{
  const PiloteDashChart *chart = data;
  guint i = hit->item >= 0 ? (guint) hit->item : G_MAXUINT;
  const char *label = i < chart->labels->len ? g_ptr_array_index (chart->labels, i) : NULL;
  g_autofree char *value = format_exact (style, chart, value_at (chart->values, i));

  switch (chart->kind)
    {
    case PILOTE_DASH_CHART_LINE:
    case PILOTE_DASH_CHART_SPARKLINE:
      {
        g_autofree char *month = describe_month (g_ptr_array_index (chart->keys, i));
        GString *text = g_string_new (NULL);

        if (i >= chart->labels->len)
          return NULL;
        g_string_append_printf (text, "%s\n%s: %s", month,
                                chart->name != NULL ? chart->name : _("Value"), value);
        if (chart->values2->len > i)
          {
            g_autofree char *target = format_exact (style, chart, value_at (chart->values2, i));

            g_string_append_printf (text, "\n%s: %s", _("Objective"), target);
          }
        if (chart->values3->len > i)
          {
            g_autofree char *before = format_exact (style, chart, value_at (chart->values3, i));

            g_string_append_printf (text, "\n%s: %s", _("A year before"), before);
          }
        return g_string_free (text, FALSE);
      }
    case PILOTE_DASH_CHART_FUNNEL:
      if (label == NULL)
        return NULL;
      {
        gulong n = (gulong) MAX (0, llround (value_at (chart->values, i)));

        /* Translators: a funnel stage and how many deals entered it */
        return g_strdup_printf (ngettext ("%s: %s deal entered this stage",
                                          "%s: %s deals entered this stage", n), label, value);
      }
    case PILOTE_DASH_CHART_DONUT:
      if (hit->item == PILOTE_CHART_ITEM_OTHER)
        {
          g_autofree char *other = format_exact (style, chart, hit->value);

          /* Translators: the donut's slice that groups the smallest items */
          return g_strdup_printf (_("Other: %s"), other);
        }
      if (label == NULL || style->format_data == NULL)
        return label != NULL ? g_strdup_printf ("%s: %s", label, value) : NULL;
      {
        g_autofree char *amount = pilote_money_format (
          llround (value_at (chart->values2, i) * pow (10, pilote_currency_digits (
            style->format_data))), style->format_data, PILOTE_MONEY_FORMAT_WHOLE);

        gulong n = (gulong) MAX (0, llround (value_at (chart->values, i)));

        /* Translators: a lost reason, the deals lost for it and their amount */
        return g_strdup_printf (ngettext ("%s: %s deal lost, %s", "%s: %s deals lost, %s", n),
                                label, value, amount);
      }
    case PILOTE_DASH_CHART_GAUGE:
      {
        g_autofree char *target = format_exact (style, chart, chart->target);

        /* Translators: an objective's caption, the figure reached and the target */
        return g_strdup_printf (_("%s\n%s of %s"), chart->name, value, target);
      }
    case PILOTE_DASH_CHART_BARS:
    default:
      if (label == NULL)
        return NULL;
      return g_strdup_printf ("%s: %s", label, value);
    }
}

/**
 * pilote_dash_card_new:
 * @title: the heading of the card
 * @subtitle: (nullable): a line under it
 * @content: the chart or list
 *
 * Returns: (transfer floating): a card holding @content under a heading
 */
GtkWidget *
pilote_dash_card_new (const char *title,
                      const char *subtitle,
                      GtkWidget  *content)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_valign (card, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_end (heading, 12);
  gtk_box_append (GTK_BOX (card), heading);
  if (subtitle != NULL)
    {
      GtkWidget *caption = gtk_label_new (subtitle);

      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_widget_set_margin_start (caption, 12);
      gtk_widget_set_margin_end (caption, 12);
      gtk_box_append (GTK_BOX (card), caption);
    }
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (card), content);
  gtk_accessible_update_property (GTK_ACCESSIBLE (content), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  return card;
}

static char *
format_date (const char *iso)
{
  GDate date;
  char text[64];

  if (iso == NULL || !pilote_date_parse_iso (iso, &date))
    return g_strdup (iso != NULL ? iso : "—");
  g_date_strftime (text, sizeof text, "%x", &date);
  return g_strdup (text);
}

/**
 * pilote_dash_fill_churn:
 *
 * Lists the clients that did not renew, the revenue at stake beside each.
 */
void
pilote_dash_fill_churn (GtkListBox           *list,
                        const PiloteDashData *data)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; data->churn != NULL && i < data->churn->len; i++)
    {
      const PiloteChurnedClient *client = g_ptr_array_index (data->churn, i);
      g_autofree char *date = format_date (client->last_won_on);
      /* Translators: the date of a client's last won deal */
      g_autofree char *subtitle = g_strdup_printf (_("Last deal won on %s"), date);
      g_autofree char *amount = pilote_money_format (client->revenue_at_stake, data->currency,
                                                     PILOTE_MONEY_FORMAT_WHOLE);
      g_autofree char *escaped = g_markup_escape_text (client->name != NULL ? client->name : "",
                                                       -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (amount);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (list, row);
    }
}
