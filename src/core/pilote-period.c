/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pilote-error.h"
#include "pilote-period.h"

/* Months are counted from year 0 (year × 12 + month − 1) so that adding
 * and subtracting them needs no carry.
 */
static int
get_month_index (const GDate *date)
{
  return (int) g_date_get_year (date) * 12 + (int) g_date_get_month (date) - 1;
}

static void
set_month_start (GDate *date,
                 int    month_index)
{
  int year = month_index / 12;

  g_date_clear (date, 1);
  g_return_if_fail (month_index >= 0 && g_date_valid_year ((GDateYear) year));

  g_date_set_dmy (date, 1, (GDateMonth) (month_index % 12 + 1), (GDateYear) year);
}

static void
set_months (PilotePeriod *period,
            int           from_month_index,
            int           n_months)
{
  set_month_start (&period->from, from_month_index);
  set_month_start (&period->to, from_month_index + n_months);
}

static int
get_kind_months (PilotePeriodKind kind)
{
  switch (kind)
    {
    case PILOTE_PERIOD_MONTH:
      return 1;
    case PILOTE_PERIOD_QUARTER:
      return 3;
    case PILOTE_PERIOD_YEAR:
      return 12;
    case PILOTE_PERIOD_WEEK:
    case PILOTE_PERIOD_CUSTOM:
    default:
      return 0;
    }
}

static GDateMonth
normalize_fiscal_start (GDateMonth fiscal_start)
{
  if (fiscal_start < G_DATE_JANUARY || fiscal_start > G_DATE_DECEMBER)
    return G_DATE_JANUARY;

  return fiscal_start;
}

/* The year an ISO week belongs to: that of its Thursday */
static GDateYear
get_iso_week_year (const GDate *monday)
{
  GDate thursday = *monday;

  g_date_add_days (&thursday, 3);
  return g_date_get_year (&thursday);
}

static void
set_iso_week_monday (GDate     *date,
                     GDateYear  year,
                     guint      week)
{
  /* January 4th is always in week 1 */
  g_date_clear (date, 1);
  g_date_set_dmy (date, 4, G_DATE_JANUARY, year);
  g_date_subtract_days (date, g_date_get_weekday (date) - G_DATE_MONDAY);
  g_date_add_days (date, (week - 1) * 7);
}

static guint
get_iso_weeks_in_year (GDateYear year)
{
  GDate december_28;

  /* December 28th is always in the last week */
  g_date_clear (&december_28, 1);
  g_date_set_dmy (&december_28, 28, G_DATE_DECEMBER, year);
  return g_date_get_iso8601_week_of_year (&december_28);
}

/**
 * pilote_date_parse_iso:
 * @text: a date as "YYYY-MM-DD"
 * @date: (out): where to store it
 *
 * Reads exactly "YYYY-MM-DD" (ten characters, a day that exists, years 1
 * to 9999), nothing around it. @date is cleared (invalid) on failure.
 *
 * Returns: %TRUE if @text is such a date
 */
gboolean
pilote_date_parse_iso (const char *text,
                       GDate      *date)
{
  guint values[3] = { 0, 0, 0 };
  static const guint lengths[3] = { 4, 2, 2 };
  const char *p = text;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL)
    return FALSE;

  for (guint field = 0; field < 3; field++)
    {
      if (field > 0 && *p++ != '-')
        return FALSE;

      for (guint i = 0; i < lengths[field]; i++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          values[field] = values[field] * 10 + (guint) (*p - '0');
        }
    }

  if (*p != '\0' || !g_date_valid_dmy ((GDateDay) values[2], (GDateMonth) values[1],
                                      (GDateYear) values[0]))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) values[2], (GDateMonth) values[1], (GDateYear) values[0]);
  return TRUE;
}

/**
 * pilote_date_to_iso:
 * @date: a valid date up to year 9999
 * @buf: (out): where to write "YYYY-MM-DD"; an empty string if @date is
 *   not valid
 */
void
pilote_date_to_iso (const GDate *date,
                    char         buf[PILOTE_ISO_DATE_LEN])
{
  g_return_if_fail (buf != NULL);

  buf[0] = '\0';
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (g_date_get_year (date) <= 9999);

  g_snprintf (buf, PILOTE_ISO_DATE_LEN, "%04u-%02u-%02u", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

void
pilote_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/**
 * pilote_period_init_containing:
 * @period: (out): the period to set
 * @kind: any kind but %PILOTE_PERIOD_CUSTOM
 * @date: a date in the period
 * @fiscal_start: the first month of the fiscal year; anything but a month
 *   counts as January
 *
 * Sets @period to the week (Monday to Sunday, as ISO 8601), the calendar
 * month, the quarter or the year containing @date. Quarters are blocks of
 * three months from @fiscal_start (April: April–June, July–September,
 * October–December, January–March); years run twelve months from it.
 */
void
pilote_period_init_containing (PilotePeriod     *period,
                               PilotePeriodKind  kind,
                               const GDate      *date,
                               GDateMonth        fiscal_start)
{
  int month_index;
  int months_into_year;

  g_return_if_fail (period != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (kind == PILOTE_PERIOD_WEEK || kind == PILOTE_PERIOD_MONTH
                    || kind == PILOTE_PERIOD_QUARTER || kind == PILOTE_PERIOD_YEAR);

  fiscal_start = normalize_fiscal_start (fiscal_start);
  period->kind = kind;
  period->fiscal_start = fiscal_start;

  month_index = get_month_index (date);
  months_into_year = (int) (g_date_get_month (date) + 12 - fiscal_start) % 12;

  switch (kind)
    {
    case PILOTE_PERIOD_WEEK:
      period->from = *date;
      g_date_subtract_days (&period->from, g_date_get_weekday (date) - G_DATE_MONDAY);
      period->to = period->from;
      g_date_add_days (&period->to, 7);
      break;

    case PILOTE_PERIOD_MONTH:
      set_months (period, month_index, 1);
      break;

    case PILOTE_PERIOD_QUARTER:
      set_months (period, month_index - months_into_year % 3, 3);
      break;

    case PILOTE_PERIOD_YEAR:
      set_months (period, month_index - months_into_year, 12);
      break;

    case PILOTE_PERIOD_CUSTOM:
    default:
      g_assert_not_reached ();
    }
}

void
pilote_period_init_month (PilotePeriod *period,
                          GDateYear     year,
                          GDateMonth    month)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (g_date_valid_dmy (1, month, year));

  period->kind = PILOTE_PERIOD_MONTH;
  period->fiscal_start = G_DATE_JANUARY;
  set_months (period, (int) year * 12 + (int) month - 1, 1);
}

/**
 * pilote_period_init_custom:
 * @period: (out): the period to set
 * @from: the first day
 * @to: the day after the last one
 *
 * Returns: %TRUE, or %FALSE (leaving @period untouched) if a date is
 *   invalid or @to is not after @from
 */
gboolean
pilote_period_init_custom (PilotePeriod *period,
                           const GDate  *from,
                           const GDate  *to)
{
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (!g_date_valid (from) || !g_date_valid (to) || g_date_compare (from, to) >= 0)
    return FALSE;

  period->kind = PILOTE_PERIOD_CUSTOM;
  period->fiscal_start = G_DATE_JANUARY;
  period->from = *from;
  period->to = *to;
  return TRUE;
}

static gboolean
set_not_a_date_error (GError     **error,
                      const char  *text)
{
  g_autofree char *shown = g_utf8_make_valid (text, -1);

  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
               _("“%s” is not a date: type it as year-month-day, like 2017-03-31"), shown);
  return FALSE;
}

/**
 * pilote_period_parse:
 * @period: (out): the period to set
 * @from_iso: the first day, as "YYYY-MM-DD"
 * @to_iso: the day after the last one, as "YYYY-MM-DD"
 * @error: return location for a %PILOTE_ERROR_INVALID error
 *
 * Reads a period, recognizing a calendar month, a calendar quarter or a
 * calendar year (January fiscal start); any other range is custom.
 * @period is left untouched on error.
 *
 * Returns: %TRUE if both dates are valid and @to_iso is after @from_iso
 */
gboolean
pilote_period_parse (PilotePeriod  *period,
                     const char    *from_iso,
                     const char    *to_iso,
                     GError       **error)
{
  PilotePeriod result;
  int n_months;

  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (from_iso != NULL && to_iso != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pilote_date_parse_iso (from_iso, &result.from))
    return set_not_a_date_error (error, from_iso);
  if (!pilote_date_parse_iso (to_iso, &result.to))
    return set_not_a_date_error (error, to_iso);

  if (g_date_compare (&result.from, &result.to) >= 0)
    {
      g_set_error_literal (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                           _("The end date must come after the start date; the end date is "
                             "excluded from the period"));
      return FALSE;
    }

  result.kind = PILOTE_PERIOD_CUSTOM;
  result.fiscal_start = G_DATE_JANUARY;

  if (g_date_get_day (&result.from) == 1 && g_date_get_day (&result.to) == 1)
    {
      GDateMonth first_month = g_date_get_month (&result.from);

      n_months = get_month_index (&result.to) - get_month_index (&result.from);
      if (n_months == 1)
        result.kind = PILOTE_PERIOD_MONTH;
      else if (n_months == 3 && (first_month - G_DATE_JANUARY) % 3 == 0)
        result.kind = PILOTE_PERIOD_QUARTER;
      else if (n_months == 12 && first_month == G_DATE_JANUARY)
        result.kind = PILOTE_PERIOD_YEAR;
    }

  *period = result;
  return TRUE;
}

static void
shift_period (const PilotePeriod *period,
              PilotePeriod       *shifted,
              int                 direction)
{
  PilotePeriod result = *period;
  int n_months = get_kind_months (period->kind);

  if (n_months > 0)
    {
      set_months (&result, get_month_index (&period->from) + direction * n_months, n_months);
    }
  else
    {
      guint n_days = pilote_period_days (period);

      if (direction < 0)
        {
          g_date_subtract_days (&result.from, n_days);
          g_date_subtract_days (&result.to, n_days);
        }
      else
        {
          g_date_add_days (&result.from, n_days);
          g_date_add_days (&result.to, n_days);
        }
    }

  *shifted = result;
}

/**
 * pilote_period_previous:
 * @period: a period
 * @previous: (out): where to store the period just before (may be @period)
 *
 * The month, quarter, year or week just before; for a custom period, as
 * many days just before.
 */
void
pilote_period_previous (const PilotePeriod *period,
                        PilotePeriod       *previous)
{
  g_return_if_fail (period != NULL && previous != NULL);

  shift_period (period, previous, -1);
}

/**
 * pilote_period_next:
 * @period: a period
 * @next: (out): where to store the period just after (may be @period)
 *
 * The month, quarter, year or week just after; for a custom period, as
 * many days from its end.
 */
void
pilote_period_next (const PilotePeriod *period,
                    PilotePeriod       *next)
{
  g_return_if_fail (period != NULL && next != NULL);

  shift_period (period, next, 1);
}

/**
 * pilote_period_year_before:
 * @period: a period
 * @year_before: (out): where to store the same period a year before (may
 *   be @period)
 *
 * Months, quarters and years move back twelve months. A week becomes the
 * week of the same ISO number in the year before (week 53 becomes week 52
 * when that year has no week 53), so that "Week 10" compares with "Week
 * 10". A custom period keeps its dates a year earlier, February 29th
 * becoming February 28th; its end moves with its last day, so that
 * [2024-02-28, 2024-02-29) becomes [2023-02-28, 2023-03-01), never empty.
 */
void
pilote_period_year_before (const PilotePeriod *period,
                           PilotePeriod       *year_before)
{
  PilotePeriod result;
  int n_months;

  g_return_if_fail (period != NULL && year_before != NULL);

  result = *period;
  n_months = get_kind_months (period->kind);

  if (n_months > 0)
    {
      set_months (&result, get_month_index (&period->from) - 12, n_months);
    }
  else if (period->kind == PILOTE_PERIOD_WEEK)
    {
      GDateYear year = get_iso_week_year (&period->from) - 1;
      guint week = g_date_get_iso8601_week_of_year (&period->from);

      set_iso_week_monday (&result.from, year, MIN (week, get_iso_weeks_in_year (year)));
      result.to = result.from;
      g_date_add_days (&result.to, 7);
    }
  else
    {
      g_date_subtract_years (&result.from, 1);
      g_date_subtract_days (&result.to, 1);
      g_date_subtract_years (&result.to, 1);
      g_date_add_days (&result.to, 1);
    }

  *year_before = result;
}

gboolean
pilote_period_contains (const PilotePeriod *period,
                        const GDate        *date)
{
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return g_date_compare (&period->from, date) <= 0 && g_date_compare (date, &period->to) < 0;
}

guint
pilote_period_days (const PilotePeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);
  g_return_val_if_fail (g_date_valid (&period->from) && g_date_valid (&period->to), 0);

  return (guint) MAX (g_date_days_between (&period->from, &period->to), 0);
}

/**
 * pilote_period_elapsed_share:
 * @period: a period
 * @today: the current date
 *
 * How much of @period has gone by on @today, for pacing. @today counts as
 * elapsed: on the first day of a 31-day month the share is 1/31, on its
 * last day 1, so it is never 0 within the period and pacing can divide by
 * it. Before the period it is 0, after it 1.
 *
 * Returns: the share, from 0 to 1
 */
double
pilote_period_elapsed_share (const PilotePeriod *period,
                             const GDate        *today)
{
  guint n_days;
  int elapsed;

  g_return_val_if_fail (period != NULL, 0.0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0.0);

  n_days = pilote_period_days (period);
  if (n_days == 0)
    return 0.0;

  elapsed = g_date_days_between (&period->from, today) + 1;
  if (elapsed <= 0)
    return 0.0;
  if ((guint) elapsed >= n_days)
    return 1.0;

  return (double) elapsed / (double) n_days;
}

void
pilote_period_from_iso (const PilotePeriod *period,
                        char                buf[PILOTE_ISO_DATE_LEN])
{
  g_return_if_fail (period != NULL);

  pilote_date_to_iso (&period->from, buf);
}

void
pilote_period_to_iso (const PilotePeriod *period,
                      char                buf[PILOTE_ISO_DATE_LEN])
{
  g_return_if_fail (period != NULL);

  pilote_date_to_iso (&period->to, buf);
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) date_time = NULL;

  date_time = g_date_time_new_utc ((int) g_date_get_year (date), (int) g_date_get_month (date),
                                   (int) g_date_get_day (date), 0, 0, 0);
  g_return_val_if_fail (date_time != NULL, g_strdup (""));

  return g_date_time_format (date_time, format);
}

/**
 * pilote_period_describe:
 * @period: a period
 *
 * Names @period for people, in their language: "March 2017", "Q1 2017",
 * "Q1 FY2017–2018" (a quarter of a fiscal year starting in another month
 * than January, named by its two calendar years), "2017", "FY2017–2018",
 * "Week 11, 2017" (ISO week and its year), and for a custom period its
 * first and last days in the locale's format ("03/01/17 – 03/15/17"): the
 * last day shown is the day before @period's end, which is excluded.
 *
 * Returns: (transfer full): the description
 */
char *
pilote_period_describe (const PilotePeriod *period)
{
  GDateMonth fiscal_start;
  int months_into_year;
  int fiscal_year;

  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (g_date_valid (&period->from) && g_date_valid (&period->to), NULL);

  fiscal_start = normalize_fiscal_start (period->fiscal_start);
  months_into_year = (int) (g_date_get_month (&period->from) + 12 - fiscal_start) % 12;
  fiscal_year = (int) g_date_get_year (&period->from)
                - (g_date_get_month (&period->from) < fiscal_start ? 1 : 0);

  switch (period->kind)
    {
    case PILOTE_PERIOD_WEEK:
      /* Translators: an ISO week and its year, "Week 11, 2017" */
      return g_strdup_printf (_("Week %d, %d"),
                              (int) g_date_get_iso8601_week_of_year (&period->from),
                              (int) get_iso_week_year (&period->from));

    case PILOTE_PERIOD_MONTH:
      /* Translators: a month and its year, "March 2017", as a strftime()
       * format for g_date_time_format(); %OB is the month name as said on
       * its own (nominative), %B as used in a date
       */
      return format_date (&period->from, C_("period", "%OB %Y"));

    case PILOTE_PERIOD_QUARTER:
      if (fiscal_start == G_DATE_JANUARY)
        /* Translators: a calendar quarter and its year, "Q1 2017" */
        return g_strdup_printf (_("Q%d %d"), months_into_year / 3 + 1, fiscal_year);
      /* Translators: a quarter of a fiscal year that starts in another
       * month than January, with the two calendar years that fiscal year
       * spans: "Q1 FY2017–2018"
       */
      return g_strdup_printf (_("Q%d FY%d–%d"), months_into_year / 3 + 1, fiscal_year,
                              fiscal_year + 1);

    case PILOTE_PERIOD_YEAR:
      if (fiscal_start == G_DATE_JANUARY)
        return g_strdup_printf ("%d", fiscal_year);
      /* Translators: a fiscal year that starts in another month than
       * January, named by the two calendar years it spans: "FY2017–2018"
       */
      return g_strdup_printf (_("FY%d–%d"), fiscal_year, fiscal_year + 1);

    case PILOTE_PERIOD_CUSTOM:
    default:
      {
        g_autofree char *first = NULL;
        g_autofree char *last_text = NULL;
        GDate last = period->to;

        g_date_subtract_days (&last, 1);
        first = format_date (&period->from, "%x");
        if (g_date_compare (&period->from, &last) >= 0)
          return g_steal_pointer (&first);

        last_text = format_date (&last, "%x");
        /* Translators: a range of dates, the first and the last day
         * included, each in the locale's short format
         */
        return g_strdup_printf (C_("period", "%s – %s"), first, last_text);
      }
    }
}
