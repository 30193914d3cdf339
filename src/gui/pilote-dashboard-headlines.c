/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pilote-dashboard-private.h"

/* The four headline cards of the dashboard */

static char *
format_money (const char  *currency,
              PiloteMoney  amount)
{
  if (amount == PILOTE_MONEY_NONE)
    return g_strdup ("—");
  return pilote_money_format (amount, currency, PILOTE_MONEY_FORMAT_WHOLE);
}

static char *
format_rate (double rate)
{
  if (isnan (rate))
    return g_strdup ("—");
  /* Translators: a percentage, as in "63.2 %" */
  return g_strdup_printf (_("%.1f %%"), rate * 100.0);
}

/* "+12.5 % vs October 2026", coloured by whether the change is good news */
static void
set_delta (GtkLabel           *label,
           double              now,
           double              before,
           gboolean            rate,
           gboolean            lower_is_better,
           const PilotePeriod *than)
{
  g_autofree char *when = pilote_period_describe (than);
  g_autofree char *text = NULL;
  double change = NAN;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");

  if (rate && !isnan (now) && !isnan (before))
    {
      change = (now - before) * 100.0;
      /* Translators: a change in percentage points, and the period compared with */
      text = g_strdup_printf (_("%+.1f pts vs %s"), change, when);
    }
  else if (!rate && !isnan (now) && !isnan (before) && before != 0)
    {
      change = (now - before) / fabs (before) * 100.0;
      /* Translators: a change in percent, and the period compared with */
      text = g_strdup_printf (_("%+.1f %% vs %s"), change, when);
    }
  else
    /* Translators: no figure to compare with in a period */
    text = g_strdup_printf (_("No comparison with %s"), when);

  gtk_label_set_text (label, text);
  if (isnan (change) || fabs (change) < 0.05)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label),
                              (change > 0) != lower_is_better ? "success" : "error");
}

static double
money_value (PiloteMoney amount)
{
  return amount == PILOTE_MONEY_NONE ? NAN : (double) amount;
}

static void
set_objective (const char                   *currency,
               PiloteDashHeadlineWidgets    *headline,
               const PiloteDashHeadlineData *data,
               gboolean                      rate,
               const char                   *extra)
{
  g_autofree char *target = NULL;
  g_autofree char *attained = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (headline->level), data->has_objective);
  if (!data->has_objective)
    {
      gtk_label_set_text (headline->objective, extra != NULL ? extra : _("No objective set"));
      return;
    }
  target = rate ? format_rate (data->target / 10000.0) : format_money (currency, data->target);
  attained = format_rate (data->attainment);
  /* Translators: an objective and the share of it attained, "Objective 20 000 € · 54.0 % attained" */
  text = g_strdup_printf (_("Objective %s · %s attained"), target, attained);
  if (extra != NULL)
    {
      char *both = g_strdup_printf ("%s\n%s", extra, text);

      g_free (text);
      text = both;
    }
  gtk_label_set_text (headline->objective, text);
  gtk_level_bar_set_value (headline->level,
                           isnan (data->attainment) ? 0 : CLAMP (data->attainment, 0, 1));
}

static void
set_sparkline (PiloteDashHeadlineWidgets *headline,
               PiloteDashChart           *chart)
{
  pilote_chart_view_set_chart (headline->spark, pilote_dash_chart_draw, pilote_dash_chart_hit,
                               chart, pilote_dash_chart_free);
}

/**
 * pilote_dash_show_headlines:
 * @headlines: the widgets of the four cards
 * @data: the figures; the cards take its sparklines
 * @cac_caption: the caption of the CAC chart, which tells the lifetime value
 *
 * Fills the headline cards: value, change against the previous period and
 * the same period a year before, objective and sparkline.
 */
void
pilote_dash_show_headlines (PiloteDashHeadlineWidgets *headlines,
                            PiloteDashData            *data,
                            GtkLabel                  *cac_caption)
{
  const char *currency = data->currency;
  const PiloteKpiFigures *t = &data->report->totals;
  const PiloteKpiFigures *p = &data->report->previous;
  const PiloteKpiFigures *y = &data->report->year_before;
  const PiloteKpiSummary *s = &data->report->summary;
  gboolean show_year = data->period.kind != PILOTE_PERIOD_YEAR;
  PilotePeriod previous, year_before;
  g_autofree char *text = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *margin_rate = NULL;
  g_autofree char *margin_text = NULL;
  g_autofree char *clv = NULL;
  g_autofree char *clv_text = NULL;
  PiloteDashHeadlineWidgets *h;

  pilote_period_previous (&data->period, &previous);
  pilote_period_year_before (&data->period, &year_before);
  for (guint i = 0; i < PILOTE_DASH_N_HEADLINES; i++)
    gtk_widget_set_visible (GTK_WIDGET (headlines[i].year), show_year);

  h = &headlines[PILOTE_DASH_REVENUE];
  text = format_money (currency, t->revenue);
  exact = pilote_money_format (t->revenue, currency, PILOTE_MONEY_FORMAT_DEFAULT);
  gtk_label_set_text (h->value, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (h->value), exact);
  set_delta (h->previous, t->revenue, p->revenue, FALSE, FALSE, &previous);
  set_delta (h->year, t->revenue, y->revenue, FALSE, FALSE, &year_before);
  set_objective (currency, h, &data->headlines[PILOTE_DASH_REVENUE], FALSE, NULL);
  set_sparkline (h, g_steal_pointer (&data->headlines[PILOTE_DASH_REVENUE].sparkline));
  g_clear_pointer (&text, g_free);

  h = &headlines[PILOTE_DASH_WIN_RATE];
  text = format_rate (t->win_rate);
  gtk_label_set_text (h->value, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (h->value), NULL);
  set_delta (h->previous, t->win_rate, p->win_rate, TRUE, FALSE, &previous);
  set_delta (h->year, t->win_rate, y->win_rate, TRUE, FALSE, &year_before);
  {
    /* Translators: the numbers of deals won and lost behind a win rate */
    g_autofree char *won = pilote_count_format (t->deals_won);
    g_autofree char *lost = pilote_count_format (t->deals_lost);
    g_autofree char *deals = g_strdup_printf (_("Won: %s · lost: %s"), won, lost);

    set_objective (currency, h, &data->headlines[PILOTE_DASH_WIN_RATE], TRUE, deals);
  }
  set_sparkline (h, g_steal_pointer (&data->headlines[PILOTE_DASH_WIN_RATE].sparkline));
  g_clear_pointer (&text, g_free);

  h = &headlines[PILOTE_DASH_MARGIN];
  text = format_money (currency, t->gross_margin);
  gtk_label_set_text (h->value, text);
  set_delta (h->previous, t->gross_margin, p->gross_margin, FALSE, FALSE, &previous);
  set_delta (h->year, t->gross_margin, y->gross_margin, FALSE, FALSE, &year_before);
  margin_rate = format_rate (t->gross_margin_rate);
  /* Translators: the gross margin rate, "35.8 % of revenue" */
  margin_text = g_strdup_printf (_("%s of revenue"), margin_rate);
  set_objective (currency, h, &data->headlines[PILOTE_DASH_MARGIN], FALSE, margin_text);
  set_sparkline (h, g_steal_pointer (&data->headlines[PILOTE_DASH_MARGIN].sparkline));
  g_clear_pointer (&text, g_free);

  h = &headlines[PILOTE_DASH_CAC];
  text = format_money (currency, t->cac);
  gtk_label_set_text (h->value, text);
  set_delta (h->previous, money_value (t->cac), money_value (p->cac), FALSE, TRUE, &previous);
  set_delta (h->year, money_value (t->cac), money_value (y->cac), FALSE, TRUE, &year_before);
  clv = format_money (currency, s->clv);
  /* Translators: the client lifetime value, and how many times the CAC it is */
  clv_text = isnan (s->clv_to_cac) ? g_strdup_printf (_("Lifetime value %s"), clv)
                                   : g_strdup_printf (_("Lifetime value %s · %.1f × CAC"), clv,
                                                      s->clv_to_cac);
  set_objective (currency, h, &data->headlines[PILOTE_DASH_CAC], FALSE, clv_text);
  set_sparkline (h, g_steal_pointer (&data->headlines[PILOTE_DASH_CAC].sparkline));
  gtk_label_set_text (cac_caption, clv_text);
}
