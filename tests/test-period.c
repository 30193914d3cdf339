/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-period.h"

static GDate
make_date (const char *iso)
{
  GDate date;

  if (!pilote_date_parse_iso (iso, &date))
    g_error ("bad date in test: %s", iso);

  return date;
}

static void
assert_bounds (const PilotePeriod *period,
               const char         *from,
               const char         *to)
{
  char from_iso[PILOTE_ISO_DATE_LEN];
  char to_iso[PILOTE_ISO_DATE_LEN];

  pilote_period_from_iso (period, from_iso);
  pilote_period_to_iso (period, to_iso);
  g_assert_cmpstr (from_iso, ==, from);
  g_assert_cmpstr (to_iso, ==, to);
}

static void
assert_period (const PilotePeriod *period,
               PilotePeriodKind    kind,
               const char         *from,
               const char         *to)
{
  g_assert_cmpint (period->kind, ==, kind);
  assert_bounds (period, from, to);
}

static PilotePeriod
make_containing (PilotePeriodKind  kind,
                 const char       *iso,
                 GDateMonth        fiscal_start)
{
  PilotePeriod period;
  GDate date = make_date (iso);

  pilote_period_init_containing (&period, kind, &date, fiscal_start);
  return period;
}

static PilotePeriod
parse_period (const char *from,
              const char *to)
{
  g_autoptr(GError) error = NULL;
  PilotePeriod period;

  g_assert_true (pilote_period_parse (&period, from, to, &error));
  g_assert_no_error (error);
  return period;
}

static void
assert_description (const PilotePeriod *period,
                    const char         *expected)
{
  g_autofree char *text = pilote_period_describe (period);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_date_iso (void)
{
  static const char *invalid[] = {
    "2023-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00",
    "0000-01-01", "2024-1-01", "2024-01-1", "24-01-01", "2024/01/01", "2024-01-01x",
    " 2024-01-01", "2024-01-01 ", "20240101", "", "abcd-ef-gh", "2024-01-0a",
  };
  char buf[PILOTE_ISO_DATE_LEN];
  GDate date;

  g_assert_true (pilote_date_parse_iso ("2024-02-29", &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2024);
  g_assert_cmpuint (g_date_get_month (&date), ==, 2);
  g_assert_cmpuint (g_date_get_day (&date), ==, 29);
  pilote_date_to_iso (&date, buf);
  g_assert_cmpstr (buf, ==, "2024-02-29");

  g_assert_true (pilote_date_parse_iso ("0001-01-01", &date));
  pilote_date_to_iso (&date, buf);
  g_assert_cmpstr (buf, ==, "0001-01-01");

  g_assert_true (pilote_date_parse_iso ("9999-12-31", &date));
  pilote_date_to_iso (&date, buf);
  g_assert_cmpstr (buf, ==, "9999-12-31");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (pilote_date_parse_iso (invalid[i], &date))
        g_error ("“%s” was read as a date", invalid[i]);
      g_assert_false (g_date_valid (&date));
    }
  g_assert_false (pilote_date_parse_iso (NULL, &date));
}

static void
test_date_today (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  GDate today;
  GDate expected;
  int days;

  pilote_date_set_today (&today);
  after = g_date_time_new_now_local ();
  g_assert_true (g_date_valid (&today));

  g_date_clear (&expected, 1);
  g_date_set_dmy (&expected, (GDateDay) g_date_time_get_day_of_month (before),
                  (GDateMonth) g_date_time_get_month (before),
                  (GDateYear) g_date_time_get_year (before));
  days = g_date_days_between (&expected, &today);
  /* midnight may pass between the calls */
  g_assert_cmpint (days, >=, 0);
  g_assert_cmpint (days, <=, g_date_time_get_day_of_month (after)
                               != g_date_time_get_day_of_month (before) ? 1 : 0);
}

static void
test_month (void)
{
  PilotePeriod period;
  PilotePeriod other;

  pilote_period_init_month (&period, 2016, G_DATE_DECEMBER);
  assert_period (&period, PILOTE_PERIOD_MONTH, "2016-12-01", "2017-01-01");
  g_assert_cmpuint (pilote_period_days (&period), ==, 31);

  pilote_period_next (&period, &other);
  assert_period (&other, PILOTE_PERIOD_MONTH, "2017-01-01", "2017-02-01");
  pilote_period_previous (&other, &other);
  assert_period (&other, PILOTE_PERIOD_MONTH, "2016-12-01", "2017-01-01");
  pilote_period_previous (&other, &other);
  assert_period (&other, PILOTE_PERIOD_MONTH, "2016-11-01", "2016-12-01");

  period = make_containing (PILOTE_PERIOD_MONTH, "2017-12-31", G_DATE_APRIL);
  assert_period (&period, PILOTE_PERIOD_MONTH, "2017-12-01", "2018-01-01");

  pilote_period_init_month (&period, 2024, G_DATE_FEBRUARY);
  g_assert_cmpuint (pilote_period_days (&period), ==, 29);
  pilote_period_init_month (&period, 2023, G_DATE_FEBRUARY);
  g_assert_cmpuint (pilote_period_days (&period), ==, 28);
  pilote_period_init_month (&period, 2100, G_DATE_FEBRUARY);
  g_assert_cmpuint (pilote_period_days (&period), ==, 28);
}

static void
test_quarter (void)
{
  PilotePeriod period;
  PilotePeriod other;

  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-05-10", G_DATE_JANUARY);
  assert_period (&period, PILOTE_PERIOD_QUARTER, "2017-04-01", "2017-07-01");
  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-12-31", G_DATE_JANUARY);
  assert_period (&period, PILOTE_PERIOD_QUARTER, "2017-10-01", "2018-01-01");
  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-01-01", G_DATE_JANUARY);
  assert_period (&period, PILOTE_PERIOD_QUARTER, "2017-01-01", "2017-04-01");

  /* fiscal year from April: April–June is Q1, January–March Q4 */
  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-04-01", G_DATE_APRIL);
  assert_period (&period, PILOTE_PERIOD_QUARTER, "2017-04-01", "2017-07-01");
  g_assert_cmpint (period.fiscal_start, ==, G_DATE_APRIL);
  period = make_containing (PILOTE_PERIOD_QUARTER, "2018-03-31", G_DATE_APRIL);
  assert_period (&period, PILOTE_PERIOD_QUARTER, "2018-01-01", "2018-04-01");

  /* fiscal year from February: quarters straddle the calendar year */
  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-01-15", G_DATE_FEBRUARY);
  assert_period (&period, PILOTE_PERIOD_QUARTER, "2016-11-01", "2017-02-01");
  pilote_period_next (&period, &other);
  assert_period (&other, PILOTE_PERIOD_QUARTER, "2017-02-01", "2017-05-01");
  pilote_period_previous (&period, &other);
  assert_period (&other, PILOTE_PERIOD_QUARTER, "2016-08-01", "2016-11-01");

  /* no month is January */
  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-03-15", G_DATE_BAD_MONTH);
  assert_period (&period, PILOTE_PERIOD_QUARTER, "2017-01-01", "2017-04-01");
  g_assert_cmpint (period.fiscal_start, ==, G_DATE_JANUARY);
  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-03-15", (GDateMonth) 13);
  assert_period (&period, PILOTE_PERIOD_QUARTER, "2017-01-01", "2017-04-01");
}

static void
test_year (void)
{
  PilotePeriod period;
  PilotePeriod other;

  period = make_containing (PILOTE_PERIOD_YEAR, "2017-05-10", G_DATE_JANUARY);
  assert_period (&period, PILOTE_PERIOD_YEAR, "2017-01-01", "2018-01-01");
  g_assert_cmpuint (pilote_period_days (&period), ==, 365);

  period = make_containing (PILOTE_PERIOD_YEAR, "2017-02-10", G_DATE_APRIL);
  assert_period (&period, PILOTE_PERIOD_YEAR, "2016-04-01", "2017-04-01");
  period = make_containing (PILOTE_PERIOD_YEAR, "2017-04-01", G_DATE_APRIL);
  assert_period (&period, PILOTE_PERIOD_YEAR, "2017-04-01", "2018-04-01");
  period = make_containing (PILOTE_PERIOD_YEAR, "2018-03-31", G_DATE_APRIL);
  assert_period (&period, PILOTE_PERIOD_YEAR, "2017-04-01", "2018-04-01");

  pilote_period_next (&period, &other);
  assert_period (&other, PILOTE_PERIOD_YEAR, "2018-04-01", "2019-04-01");
  pilote_period_previous (&period, &other);
  assert_period (&other, PILOTE_PERIOD_YEAR, "2016-04-01", "2017-04-01");
  g_assert_cmpint (other.fiscal_start, ==, G_DATE_APRIL);
}

static void
test_week (void)
{
  PilotePeriod period;
  PilotePeriod other;

  /* Sunday belongs to the week that started on the Monday before */
  period = make_containing (PILOTE_PERIOD_WEEK, "2017-03-19", G_DATE_JANUARY);
  assert_period (&period, PILOTE_PERIOD_WEEK, "2017-03-13", "2017-03-20");
  period = make_containing (PILOTE_PERIOD_WEEK, "2017-03-13", G_DATE_JANUARY);
  assert_period (&period, PILOTE_PERIOD_WEEK, "2017-03-13", "2017-03-20");
  g_assert_cmpuint (pilote_period_days (&period), ==, 7);

  /* across the year's end */
  period = make_containing (PILOTE_PERIOD_WEEK, "2020-01-01", G_DATE_JANUARY);
  assert_period (&period, PILOTE_PERIOD_WEEK, "2019-12-30", "2020-01-06");
  pilote_period_next (&period, &other);
  assert_period (&other, PILOTE_PERIOD_WEEK, "2020-01-06", "2020-01-13");
  pilote_period_previous (&period, &other);
  assert_period (&other, PILOTE_PERIOD_WEEK, "2019-12-23", "2019-12-30");
}

static void
test_custom (void)
{
  PilotePeriod period = { 0, };
  PilotePeriod other;
  GDate from = make_date ("2017-03-01");
  GDate to = make_date ("2017-03-11");
  GDate invalid;

  g_date_clear (&invalid, 1);

  g_assert_false (pilote_period_init_custom (&period, &from, &from));
  g_assert_false (pilote_period_init_custom (&period, &to, &from));
  g_assert_false (pilote_period_init_custom (&period, &invalid, &to));
  g_assert_false (pilote_period_init_custom (&period, &from, &invalid));
  g_assert_false (g_date_valid (&period.from));

  g_assert_true (pilote_period_init_custom (&period, &from, &to));
  assert_period (&period, PILOTE_PERIOD_CUSTOM, "2017-03-01", "2017-03-11");
  g_assert_cmpuint (pilote_period_days (&period), ==, 10);

  pilote_period_previous (&period, &other);
  assert_period (&other, PILOTE_PERIOD_CUSTOM, "2017-02-19", "2017-03-01");
  pilote_period_next (&period, &other);
  assert_period (&other, PILOTE_PERIOD_CUSTOM, "2017-03-11", "2017-03-21");

  /* the same number of days, across February of a leap year */
  period = parse_period ("2024-02-20", "2024-03-05");
  pilote_period_previous (&period, &other);
  assert_period (&other, PILOTE_PERIOD_CUSTOM, "2024-02-06", "2024-02-20");
}

static void
test_year_before (void)
{
  PilotePeriod period;
  PilotePeriod other;

  pilote_period_init_month (&period, 2024, G_DATE_FEBRUARY);
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_MONTH, "2023-02-01", "2023-03-01");
  g_assert_cmpuint (pilote_period_days (&other), ==, 28);

  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-02-10", G_DATE_APRIL);
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_QUARTER, "2016-01-01", "2016-04-01");

  period = make_containing (PILOTE_PERIOD_YEAR, "2017-02-10", G_DATE_APRIL);
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_YEAR, "2015-04-01", "2016-04-01");

  /* a custom period keeps its dates, February 29th becoming the 28th */
  period = parse_period ("2024-02-29", "2024-03-10");
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_CUSTOM, "2023-02-28", "2023-03-10");
  period = parse_period ("2024-02-01", "2024-03-01");
  period.kind = PILOTE_PERIOD_CUSTOM;
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_CUSTOM, "2023-02-01", "2023-03-01");
  /* the end follows the last day, so February 28th stays in */
  period = parse_period ("2024-02-28", "2024-02-29");
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_CUSTOM, "2023-02-28", "2023-03-01");
  period = parse_period ("2023-03-01", "2023-03-15");
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_CUSTOM, "2022-03-01", "2022-03-15");

  /* a week becomes the week with the same ISO number */
  period = make_containing (PILOTE_PERIOD_WEEK, "2024-03-06", G_DATE_JANUARY);
  assert_bounds (&period, "2024-03-04", "2024-03-11");
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_WEEK, "2023-03-06", "2023-03-13");
  /* week 1 of 2020 starts in 2019; its year before is week 1 of 2019 */
  period = make_containing (PILOTE_PERIOD_WEEK, "2020-01-01", G_DATE_JANUARY);
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_WEEK, "2018-12-31", "2019-01-07");
  /* week 1 of 2021 after the 53 weeks of 2020 */
  period = make_containing (PILOTE_PERIOD_WEEK, "2021-01-06", G_DATE_JANUARY);
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_WEEK, "2019-12-30", "2020-01-06");
  /* week 53 of 2020 compares with week 52 of 2019 */
  period = make_containing (PILOTE_PERIOD_WEEK, "2020-12-31", G_DATE_JANUARY);
  assert_bounds (&period, "2020-12-28", "2021-01-04");
  pilote_period_year_before (&period, &other);
  assert_period (&other, PILOTE_PERIOD_WEEK, "2019-12-23", "2019-12-30");

  /* in place */
  pilote_period_init_month (&period, 2017, G_DATE_MARCH);
  pilote_period_year_before (&period, &period);
  assert_period (&period, PILOTE_PERIOD_MONTH, "2016-03-01", "2016-04-01");
}

static void
test_parse (void)
{
  PilotePeriod period;

  period = parse_period ("2017-03-01", "2017-04-01");
  assert_period (&period, PILOTE_PERIOD_MONTH, "2017-03-01", "2017-04-01");
  period = parse_period ("2017-12-01", "2018-01-01");
  assert_period (&period, PILOTE_PERIOD_MONTH, "2017-12-01", "2018-01-01");
  period = parse_period ("2017-10-01", "2018-01-01");
  assert_period (&period, PILOTE_PERIOD_QUARTER, "2017-10-01", "2018-01-01");
  g_assert_cmpint (period.fiscal_start, ==, G_DATE_JANUARY);
  period = parse_period ("2017-01-01", "2018-01-01");
  assert_period (&period, PILOTE_PERIOD_YEAR, "2017-01-01", "2018-01-01");

  /* three months not on a calendar quarter, twelve not on a calendar year */
  period = parse_period ("2017-02-01", "2017-05-01");
  g_assert_cmpint (period.kind, ==, PILOTE_PERIOD_CUSTOM);
  period = parse_period ("2017-04-01", "2018-04-01");
  g_assert_cmpint (period.kind, ==, PILOTE_PERIOD_CUSTOM);
  period = parse_period ("2017-03-01", "2017-03-31");
  g_assert_cmpint (period.kind, ==, PILOTE_PERIOD_CUSTOM);
  period = parse_period ("2017-03-02", "2017-04-02");
  g_assert_cmpint (period.kind, ==, PILOTE_PERIOD_CUSTOM);
  period = parse_period ("2017-01-01", "2017-03-01");
  g_assert_cmpint (period.kind, ==, PILOTE_PERIOD_CUSTOM);
  period = parse_period ("2017-03-01", "2017-03-02");
  assert_period (&period, PILOTE_PERIOD_CUSTOM, "2017-03-01", "2017-03-02");
  g_assert_cmpuint (pilote_period_days (&period), ==, 1);
}

static void
test_parse_errors (void)
{
  static const struct {
    const char *from;
    const char *to;
    const char *in_message;
  } cases[] = {
    { "2017-02-30", "2017-04-01", "“2017-02-30”" },
    { "March", "2017-04-01", "“March”" },
    { "", "2017-04-01", "“”" },
    { "2017-03-01", "2017-4-1", "“2017-4-1”" },
    { "2017-03-01", "2017-03-01", "end date" },
    { "2017-04-01", "2017-03-01", "end date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      PilotePeriod period;

      pilote_period_init_month (&period, 2000, G_DATE_JANUARY);
      g_assert_false (pilote_period_parse (&period, cases[i].from, cases[i].to, &error));
      g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
      if (strstr (error->message, cases[i].in_message) == NULL)
        g_error ("error for %s – %s does not mention “%s”: %s", cases[i].from, cases[i].to,
                 cases[i].in_message, error->message);
      /* untouched */
      assert_period (&period, PILOTE_PERIOD_MONTH, "2000-01-01", "2000-02-01");
    }
}

static void
test_contains (void)
{
  PilotePeriod period;
  GDate date;

  pilote_period_init_month (&period, 2017, G_DATE_MARCH);

  date = make_date ("2017-02-28");
  g_assert_false (pilote_period_contains (&period, &date));
  date = make_date ("2017-03-01");
  g_assert_true (pilote_period_contains (&period, &date));
  date = make_date ("2017-03-31");
  g_assert_true (pilote_period_contains (&period, &date));
  date = make_date ("2017-04-01");
  g_assert_false (pilote_period_contains (&period, &date));
}

static void
test_elapsed_share (void)
{
  PilotePeriod period;
  GDate today;

  pilote_period_init_month (&period, 2017, G_DATE_MARCH);

  today = make_date ("2016-12-25");
  g_assert_cmpfloat (pilote_period_elapsed_share (&period, &today), ==, 0.0);
  today = make_date ("2017-02-28");
  g_assert_cmpfloat (pilote_period_elapsed_share (&period, &today), ==, 0.0);
  /* the day itself counts as gone by */
  today = make_date ("2017-03-01");
  g_assert_cmpfloat_with_epsilon (pilote_period_elapsed_share (&period, &today), 1.0 / 31,
                                  1e-12);
  today = make_date ("2017-03-16");
  g_assert_cmpfloat_with_epsilon (pilote_period_elapsed_share (&period, &today), 16.0 / 31,
                                  1e-12);
  today = make_date ("2017-03-31");
  g_assert_cmpfloat (pilote_period_elapsed_share (&period, &today), ==, 1.0);
  today = make_date ("2017-04-01");
  g_assert_cmpfloat (pilote_period_elapsed_share (&period, &today), ==, 1.0);
  today = make_date ("2030-01-01");
  g_assert_cmpfloat (pilote_period_elapsed_share (&period, &today), ==, 1.0);
}

static void
test_describe (void)
{
  PilotePeriod period;

  setlocale (LC_ALL, "C");

  pilote_period_init_month (&period, 2017, G_DATE_MARCH);
  assert_description (&period, "March 2017");

  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-02-10", G_DATE_JANUARY);
  assert_description (&period, "Q1 2017");
  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-12-10", G_DATE_JANUARY);
  assert_description (&period, "Q4 2017");
  period = parse_period ("2017-07-01", "2017-10-01");
  assert_description (&period, "Q3 2017");

  period = make_containing (PILOTE_PERIOD_QUARTER, "2017-05-10", G_DATE_APRIL);
  assert_description (&period, "Q1 FY2017–2018");
  period = make_containing (PILOTE_PERIOD_QUARTER, "2018-02-10", G_DATE_APRIL);
  assert_description (&period, "Q4 FY2017–2018");

  period = make_containing (PILOTE_PERIOD_YEAR, "2017-05-10", G_DATE_JANUARY);
  assert_description (&period, "2017");
  period = make_containing (PILOTE_PERIOD_YEAR, "2018-03-10", G_DATE_APRIL);
  assert_description (&period, "FY2017–2018");

  period = make_containing (PILOTE_PERIOD_WEEK, "2017-03-19", G_DATE_JANUARY);
  assert_description (&period, "Week 11, 2017");
  /* the ISO week's year, not the calendar year of its Monday */
  period = make_containing (PILOTE_PERIOD_WEEK, "2019-12-31", G_DATE_JANUARY);
  assert_description (&period, "Week 1, 2020");
  period = make_containing (PILOTE_PERIOD_WEEK, "2021-01-03", G_DATE_JANUARY);
  assert_description (&period, "Week 53, 2020");

  /* the last day shown is the last day included */
  period = parse_period ("2017-03-01", "2017-03-16");
  assert_description (&period, "03/01/17 – 03/15/17");
  period = parse_period ("2017-03-01", "2017-03-02");
  assert_description (&period, "03/01/17");
}

static void
test_describe_french (void)
{
  PilotePeriod period;

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is not installed");
      return;
    }

  pilote_period_init_month (&period, 2017, G_DATE_MARCH);
  assert_description (&period, "mars 2017");
  pilote_period_init_month (&period, 2017, G_DATE_FEBRUARY);
  assert_description (&period, "février 2017");

  period = parse_period ("2017-03-01", "2017-03-16");
  assert_description (&period, "01/03/2017 – 15/03/2017");

  setlocale (LC_ALL, "C");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/date/iso", test_date_iso);
  g_test_add_func ("/period/date/today", test_date_today);
  g_test_add_func ("/period/month", test_month);
  g_test_add_func ("/period/quarter", test_quarter);
  g_test_add_func ("/period/year", test_year);
  g_test_add_func ("/period/week", test_week);
  g_test_add_func ("/period/custom", test_custom);
  g_test_add_func ("/period/year-before", test_year_before);
  g_test_add_func ("/period/parse/valid", test_parse);
  g_test_add_func ("/period/parse/errors", test_parse_errors);
  g_test_add_func ("/period/contains", test_contains);
  g_test_add_func ("/period/elapsed-share", test_elapsed_share);
  g_test_add_func ("/period/describe", test_describe);
  g_test_add_func ("/period/describe/french", test_describe_french);

  return g_test_run ();
}
