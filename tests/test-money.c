/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-money.h"

#define NBSP "\xc2\xa0"

static void
assert_format (PiloteMoney             amount,
               const char             *currency,
               PiloteMoneyFormatFlags  flags,
               const char             *expected)
{
  g_autofree char *text = pilote_money_format (amount, currency, flags);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_parses (const char  *text,
               const char  *currency,
               PiloteMoney  expected)
{
  g_autoptr(GError) error = NULL;
  PiloteMoney amount = 0;
  gboolean ok;

  ok = pilote_money_parse (text, currency, &amount, &error);
  if (!ok)
    g_test_message ("parsing “%s”: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (amount, ==, expected);
}

static void
assert_parse_fails (const char *text,
                    const char *currency,
                    const char *in_message)
{
  g_autoptr(GError) error = NULL;
  PiloteMoney amount = 42;

  g_assert_false (pilote_money_parse (text, currency, &amount, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_cmpint (amount, ==, 42);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("error for “%s” does not mention “%s”: %s", text, in_message, error->message);
}

/* Returns FALSE, after marking the test skipped, when fr_FR is missing */
static gboolean
use_french_locale (void)
{
  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is not installed");
      return FALSE;
    }

  return TRUE;
}

static void
test_currency (void)
{
  setlocale (LC_ALL, "C");

  g_assert_cmpuint (pilote_currency_digits ("EUR"), ==, 2);
  g_assert_cmpuint (pilote_currency_digits ("USD"), ==, 2);
  g_assert_cmpuint (pilote_currency_digits ("CZK"), ==, 2);
  g_assert_cmpuint (pilote_currency_digits ("JPY"), ==, 0);
  g_assert_cmpuint (pilote_currency_digits ("KRW"), ==, 0);
  g_assert_cmpuint (pilote_currency_digits ("KWD"), ==, 3);
  g_assert_cmpuint (pilote_currency_digits ("XYZ"), ==, 2);

  g_assert_cmpstr (pilote_currency_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (pilote_currency_symbol ("USD"), ==, "$");
  g_assert_cmpstr (pilote_currency_symbol ("GBP"), ==, "£");
  g_assert_cmpstr (pilote_currency_symbol ("CHF"), ==, "CHF");
  g_assert_cmpstr (pilote_currency_symbol ("JPY"), ==, "¥");
  g_assert_cmpstr (pilote_currency_symbol ("CAD"), ==, "CA$");
  g_assert_cmpstr (pilote_currency_symbol ("SEK"), ==, "SEK");

  g_assert_true (pilote_currency_is_valid ("EUR"));
  g_assert_true (pilote_currency_is_valid ("XYZ"));
  g_assert_false (pilote_currency_is_valid ("eur"));
  g_assert_false (pilote_currency_is_valid ("EURO"));
  g_assert_false (pilote_currency_is_valid ("EU"));
  g_assert_false (pilote_currency_is_valid ("E1R"));
  g_assert_false (pilote_currency_is_valid (""));
  g_assert_false (pilote_currency_is_valid (NULL));
}

static void
test_format_c_locale (void)
{
  setlocale (LC_ALL, "C");

  assert_format (123456, "EUR", 0, "€1,234.56");
  assert_format (229720086, "EUR", 0, "€2,297,200.86");
  assert_format (100000, "EUR", 0, "€1,000.00");
  assert_format (99999, "EUR", 0, "€999.99");
  assert_format (5, "EUR", 0, "€0.05");
  assert_format (0, "EUR", 0, "€0.00");
  assert_format (-5, "EUR", 0, "-€0.05");
  assert_format (-123456, "USD", 0, "-$1,234.56");
  assert_format (123456, "GBP", 0, "£1,234.56");
  assert_format (123456, "CHF", 0, "CHF" NBSP "1,234.56");
  assert_format (123456, "SEK", 0, "SEK" NBSP "1,234.56");
  assert_format (123456, "CAD", 0, "CA$1,234.56");
  assert_format (1234, "JPY", 0, "¥1,234");
  assert_format (1234567, "KWD", 0, "KWD" NBSP "1,234.567");
  assert_format (1000005, "KWD", 0, "KWD" NBSP "1,000.005");
  assert_format (123456, "EUR", PILOTE_MONEY_FORMAT_NO_SYMBOL, "1,234.56");
  assert_format (-123456, "CHF", PILOTE_MONEY_FORMAT_NO_SYMBOL, "-1,234.56");
}

static void
test_format_sign (void)
{
  setlocale (LC_ALL, "C");

  assert_format (123456, "EUR", PILOTE_MONEY_FORMAT_SIGN, "+€1,234.56");
  assert_format (-123456, "EUR", PILOTE_MONEY_FORMAT_SIGN, "-€1,234.56");
  /* no change is neither a gain nor a loss */
  assert_format (0, "EUR", PILOTE_MONEY_FORMAT_SIGN, "€0.00");
  assert_format (40, "EUR", PILOTE_MONEY_FORMAT_SIGN | PILOTE_MONEY_FORMAT_WHOLE, "€0");
  assert_format (50, "EUR", PILOTE_MONEY_FORMAT_SIGN | PILOTE_MONEY_FORMAT_WHOLE, "+€1");
}

static void
test_format_none (void)
{
  setlocale (LC_ALL, "C");

  assert_format (PILOTE_MONEY_NONE, "EUR", 0, "—");
  assert_format (PILOTE_MONEY_NONE, "JPY", PILOTE_MONEY_FORMAT_SIGN | PILOTE_MONEY_FORMAT_SHORT,
                 "—");
}

static void
test_format_whole (void)
{
  setlocale (LC_ALL, "C");

  /* half away from zero, not to even */
  assert_format (150, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "€2");
  assert_format (250, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "€3");
  assert_format (-150, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "-€2");
  assert_format (149, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "€1");
  assert_format (-149, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "-€1");
  /* an amount that rounds to nothing has no sign */
  assert_format (-49, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "€0");
  assert_format (123456, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "€1,235");
  assert_format (123449, "EUR", PILOTE_MONEY_FORMAT_WHOLE | PILOTE_MONEY_FORMAT_NO_SYMBOL,
                 "1,234");
  assert_format (1234, "JPY", PILOTE_MONEY_FORMAT_WHOLE, "¥1,234");
  assert_format (1234500, "KWD", PILOTE_MONEY_FORMAT_WHOLE, "KWD" NBSP "1,235");
}

static void
test_format_short (void)
{
  setlocale (LC_ALL, "C");

  /* below 10 000 major units nothing is abbreviated */
  assert_format (999999, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€9,999.99");
  assert_format (999999, "EUR", PILOTE_MONEY_FORMAT_SHORT | PILOTE_MONEY_FORMAT_WHOLE,
                 "€10,000");
  assert_format (1000000, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€10" NBSP "k");
  assert_format (1234500, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€12" NBSP "k");
  assert_format (1250000, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€13" NBSP "k");
  assert_format (-1250000, "EUR", PILOTE_MONEY_FORMAT_SHORT, "-€13" NBSP "k");
  assert_format (99949999, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€999" NBSP "k");
  /* 999 950 would read "1000 k" */
  assert_format (99995000, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€1.0" NBSP "M");
  assert_format (123456789, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€1.2" NBSP "M");
  assert_format (125000000, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€1.3" NBSP "M");
  assert_format (123456789, "EUR", PILOTE_MONEY_FORMAT_SHORT | PILOTE_MONEY_FORMAT_SIGN,
                 "+€1.2" NBSP "M");
  assert_format (123456789000, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€1,234.6" NBSP "M");
  assert_format (123456789, "CHF", PILOTE_MONEY_FORMAT_SHORT, "CHF" NBSP "1.2" NBSP "M");
  assert_format (1234567, "JPY", PILOTE_MONEY_FORMAT_SHORT, "¥1.2" NBSP "M");
  assert_format (12345, "JPY", PILOTE_MONEY_FORMAT_SHORT, "¥12" NBSP "k");
  assert_format (9999, "JPY", PILOTE_MONEY_FORMAT_SHORT, "¥9,999");
}

static void
test_format_extremes (void)
{
  setlocale (LC_ALL, "C");

  assert_format (G_MAXINT64, "EUR", 0, "€92,233,720,368,547,758.07");
  assert_format (G_MININT64 + 1, "EUR", 0, "-€92,233,720,368,547,758.07");
  assert_format (G_MAXINT64, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "€92,233,720,368,547,758");
  assert_format (G_MININT64 + 1, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "-€92,233,720,368,547,758");
  assert_format (G_MAXINT64, "EUR", PILOTE_MONEY_FORMAT_SHORT, "€92,233,720,368.5" NBSP "M");
  assert_format (G_MAXINT64, "JPY", 0, "¥9,223,372,036,854,775,807");
  assert_format (G_MININT64 + 1, "JPY", PILOTE_MONEY_FORMAT_SHORT,
                 "-¥9,223,372,036,854.8" NBSP "M");
}

static void
test_format_french (void)
{
  g_autofree char *expected = NULL;
  g_autofree char *expected_negative = NULL;
  g_autofree char *expected_chf = NULL;
  g_autofree char *expected_delta = NULL;
  const char *thousands;

  if (!use_french_locale ())
    return;

  /* glibc gives U+202F NARROW NO-BREAK SPACE; older versions U+00A0 */
  thousands = localeconv ()->mon_thousands_sep;
  g_assert_cmpstr (thousands, !=, "");
  expected = g_strdup_printf ("1%s234%s567,89" NBSP "€", thousands, thousands);
  expected_negative = g_strdup_printf ("-1%s234,56" NBSP "€", thousands);
  expected_chf = g_strdup_printf ("1%s234,56" NBSP "CHF", thousands);
  expected_delta = g_strdup_printf ("+1%s234,56", thousands);

  assert_format (123456789, "EUR", 0, expected);
  assert_format (-123456, "EUR", 0, expected_negative);
  assert_format (5, "EUR", 0, "0,05" NBSP "€");
  assert_format (150, "EUR", PILOTE_MONEY_FORMAT_WHOLE, "2" NBSP "€");
  assert_format (123456, "CHF", 0, expected_chf);
  assert_format (123456789, "EUR", PILOTE_MONEY_FORMAT_SHORT, "1,2" NBSP "M" NBSP "€");
  assert_format (1234500, "EUR", PILOTE_MONEY_FORMAT_SHORT, "12" NBSP "k" NBSP "€");
  assert_format (123456, "EUR", PILOTE_MONEY_FORMAT_NO_SYMBOL | PILOTE_MONEY_FORMAT_SIGN,
                 expected_delta);

  /* files are written the same way whatever the locale */
  {
    g_autofree char *major = pilote_money_to_major_string (229720086, "EUR");

    g_assert_cmpstr (major, ==, "2297200.86");
  }

  /* a lone separator followed by three digits follows the locale */
  assert_parses ("1.234", "EUR", 123400);
  assert_parse_fails ("1,234", "EUR", "1,234");
  assert_parses ("1 234,56 €", "EUR", 123456);
  assert_parses (expected, "EUR", 123456789);

  setlocale (LC_ALL, "C");
}

/* counts are grouped as amounts are */
static void
test_count (void)
{
  const struct {
    gint64      count;
    const char *c;          /* in the C locale */
  } cases[] = {
    { 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1,000" }, { 16588, "16,588" },
    { 1000000, "1,000,000" }, { -1234, "-1,234" },
    { G_MAXINT64, "9,223,372,036,854,775,807" }, { G_MININT64, "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pilote_count_format (cases[i].count);

      g_assert_cmpstr (text, ==, cases[i].c);
    }

  if (use_french_locale ())
    {
      const char *thousands = localeconv ()->mon_thousands_sep;
      g_autofree char *expected = g_strdup_printf ("1%s000%s000", thousands, thousands);
      g_autofree char *text = pilote_count_format (1000000);
      g_autofree char *small = pilote_count_format (588);

      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpstr (small, ==, "588");
      setlocale (LC_ALL, "C");
    }
}

static void
test_to_major_string (void)
{
  struct {
    PiloteMoney amount;
    const char *currency;
    const char *expected;
  } cases[] = {
    { 229720086, "EUR", "2297200.86" },
    { -5, "EUR", "-0.05" },
    { 100, "EUR", "1.00" },
    { 0, "USD", "0.00" },
    { -123456, "EUR", "-1234.56" },
    { 1234, "JPY", "1234" },
    { -1234, "JPY", "-1234" },
    { 1234567, "KWD", "1234.567" },
    { G_MAXINT64, "EUR", "92233720368547758.07" },
    { G_MININT64 + 1, "EUR", "-92233720368547758.07" },
    { PILOTE_MONEY_NONE, "EUR", "" },
  };

  setlocale (LC_ALL, "C");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pilote_money_to_major_string (cases[i].amount, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_parse (void)
{
  setlocale (LC_ALL, "C");

  assert_parses ("1234.5", "EUR", 123450);
  assert_parses ("1234,50", "EUR", 123450);
  assert_parses ("1234", "EUR", 123400);
  assert_parses ("-12", "EUR", -1200);
  assert_parses ("+3", "EUR", 300);
  assert_parses ("0", "EUR", 0);
  assert_parses ("-0", "EUR", 0);
  assert_parses ("0,5", "EUR", 50);
  assert_parses ("007", "EUR", 700);
  assert_parses ("1 234,56 €", "EUR", 123456);
  assert_parses ("€1,234.56", "EUR", 123456);
  assert_parses ("1,234.56", "EUR", 123456);
  assert_parses ("1.234,56", "EUR", 123456);
  assert_parses ("1 234 567", "EUR", 123456700);
  assert_parses ("1  234", "EUR", 123400);
  assert_parses ("1" NBSP "234,56", "EUR", 123456);
  assert_parses ("1\xe2\x80\xaf" "234,56", "EUR", 123456);
  assert_parses ("1'234.50", "CHF", 123450);
  assert_parses ("1,234,567.8", "EUR", 123456780);
  assert_parses ("1.234.567", "EUR", 123456700);
  assert_parses ("12,34,567.00", "EUR", 123456700);
  assert_parses ("  \t12.30 \n", "EUR", 1230);
  assert_parses ("12 EUR", "EUR", 1200);
  assert_parses ("EUR 12", "EUR", 1200);
  assert_parses ("eur12", "EUR", 1200);
  assert_parses ("12€", "EUR", 1200);
  assert_parses ("-€12.50", "EUR", -1250);
  assert_parses ("€-12.50", "EUR", -1250);
  assert_parses ("- 12,50 €", "EUR", -1250);
  assert_parses ("\xe2\x88\x92" "12,5", "EUR", -1250);
  assert_parses ("$1,234.56", "USD", 123456);
  assert_parses ("CA$12", "CAD", 1200);
  assert_parses ("$12", "CAD", 1200);
  assert_parses ("CHF 1'234.50", "CHF", 123450);
  assert_parses ("¥1,234", "JPY", 1234);
  assert_parses ("1.234,567", "KWD", 1234567);
  /* the locale's (C) decimal point is ".": "1,234" is a thousand */
  assert_parses ("1,234", "EUR", 123400);
  assert_parses ("1,234", "JPY", 1234);
  assert_parses ("1234,567", "KWD", 1234567);
  /* the extremes of the range */
  assert_parses ("92233720368547758.07", "EUR", G_MAXINT64);
  assert_parses ("-92233720368547758.07", "EUR", G_MININT64 + 1);
  assert_parses ("9223372036854775807", "JPY", G_MAXINT64);
}

static void
test_parse_errors (void)
{
  g_autoptr(GError) error = NULL;
  PiloteMoney amount = 42;

  setlocale (LC_ALL, "C");

  assert_parse_fails ("", "EUR", NULL);
  assert_parse_fails ("   ", "EUR", NULL);
  assert_parse_fails ("€", "EUR", "€");
  assert_parse_fails ("abc", "EUR", "“abc”");
  assert_parse_fails ("12abc", "EUR", "12abc");
  assert_parse_fails ("12 34", "EUR", NULL);
  assert_parse_fails ("1..2", "EUR", NULL);
  assert_parse_fails ("1,,2", "EUR", NULL);
  assert_parse_fails ("12.", "EUR", NULL);
  assert_parse_fails (".5", "EUR", NULL);
  assert_parse_fails ("1.2.3", "EUR", NULL);
  assert_parse_fails ("1,234.5.6", "EUR", NULL);
  assert_parse_fails ("1.23,45,6", "EUR", NULL);
  assert_parse_fails ("1234,567,890", "EUR", NULL);
  assert_parse_fails ("--3", "EUR", NULL);
  assert_parse_fails ("+-3", "EUR", NULL);
  assert_parse_fails ("3-", "EUR", NULL);
  assert_parse_fails ("$12", "EUR", "$12");
  assert_parse_fails ("12 USD", "EUR", NULL);
  assert_parse_fails ("1e3", "EUR", NULL);
  assert_parse_fails ("0x10", "EUR", NULL);
  assert_parse_fails ("\xff\xfe", "EUR", NULL);

  /* never rounds silently */
  assert_parse_fails ("12.345", "EUR", "at most 2 digits");
  assert_parse_fails ("1,2345", "EUR", "at most 2 digits");
  assert_parse_fails ("0,500", "EUR", "at most 2 digits");
  assert_parse_fails ("1.234", "EUR", "1.234");
  assert_parse_fails ("1.5", "JPY", "without decimals");
  assert_parse_fails ("1.0", "JPY", NULL);
  assert_parse_fails ("1.2345", "KWD", "at most 3 digits");

  /* beyond the range */
  assert_parse_fails ("92233720368547758.08", "EUR", "too large");
  assert_parse_fails ("-92233720368547758.08", "EUR", "too large");
  assert_parse_fails ("9223372036854775808", "JPY", "too large");
  assert_parse_fails ("99999999999999999999999", "EUR", "too large");

  g_assert_false (pilote_money_parse ("abc", "EUR", &amount, NULL));
  g_assert_cmpint (amount, ==, 42);
  g_assert_false (pilote_money_parse ("", "EUR", &amount, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
}

static void
test_parse_format_round_trip (void)
{
  static const PiloteMoney amounts[] = {
    0, 1, -1, 99, 100, 123456, -123456, 229720086, G_MAXINT64, G_MININT64 + 1,
  };

  setlocale (LC_ALL, "C");

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *shown = pilote_money_format (amounts[i], "EUR", 0);
      g_autofree char *major = pilote_money_to_major_string (amounts[i], "EUR");

      assert_parses (shown, "EUR", amounts[i]);
      assert_parses (major, "EUR", amounts[i]);
    }
}

static void
test_divide (void)
{
  g_assert_cmpint (pilote_money_divide (5, 2), ==, 3);
  g_assert_cmpint (pilote_money_divide (-5, 2), ==, -3);
  g_assert_cmpint (pilote_money_divide (7, 3), ==, 2);
  g_assert_cmpint (pilote_money_divide (-7, 3), ==, -2);
  g_assert_cmpint (pilote_money_divide (8, 3), ==, 3);
  g_assert_cmpint (pilote_money_divide (-8, 3), ==, -3);
  g_assert_cmpint (pilote_money_divide (4, 2), ==, 2);
  g_assert_cmpint (pilote_money_divide (1, 3), ==, 0);
  g_assert_cmpint (pilote_money_divide (0, 5), ==, 0);
  g_assert_cmpint (pilote_money_divide (12345, 1), ==, 12345);
  g_assert_cmpint (pilote_money_divide (5, 0), ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_divide (5, -2), ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_divide (PILOTE_MONEY_NONE, 2), ==, PILOTE_MONEY_NONE);
  /* exact where a double would not be */
  g_assert_cmpint (pilote_money_divide (G_MAXINT64, 2), ==,
                   G_GINT64_CONSTANT (4611686018427387904));
  g_assert_cmpint (pilote_money_divide (G_MAXINT64 - 1, 2), ==,
                   G_GINT64_CONSTANT (4611686018427387903));
  g_assert_cmpint (pilote_money_divide (G_MININT64 + 1, 2), ==,
                   G_GINT64_CONSTANT (-4611686018427387904));
  g_assert_cmpint (pilote_money_divide (G_MAXINT64, G_MAXINT64), ==, 1);
  g_assert_cmpint (pilote_money_divide (G_MININT64 + 1, G_MAXINT64), ==, -1);
  g_assert_cmpint (pilote_money_divide (G_MAXINT64 / 2, G_MAXINT64), ==, 0);
  g_assert_cmpint (pilote_money_divide (G_MAXINT64 / 2 + 1, G_MAXINT64), ==, 1);
  g_assert_cmpint (pilote_money_divide (G_MININT64 + 1, 1), ==, G_MININT64 + 1);
}

static void
test_multiply (void)
{
  g_assert_cmpint (pilote_money_multiply (1000, 0.5), ==, 500);
  g_assert_cmpint (pilote_money_multiply (3, 0.5), ==, 2);
  g_assert_cmpint (pilote_money_multiply (-3, 0.5), ==, -2);
  g_assert_cmpint (pilote_money_multiply (123456, 0.25), ==, 30864);
  g_assert_cmpint (pilote_money_multiply (123456, 0.0), ==, 0);
  g_assert_cmpint (pilote_money_multiply (123456, -1.0), ==, -123456);
  g_assert_cmpint (pilote_money_multiply (G_MAXINT64, 1.0), ==, G_MAXINT64);
  g_assert_cmpint (pilote_money_multiply (PILOTE_MONEY_NONE, 2.0), ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_multiply (100, NAN), ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_multiply (100, INFINITY), ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_multiply (100, -INFINITY), ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_multiply (G_MAXINT64, 2.0), ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_multiply (G_GINT64_CONSTANT (1) << 62, 2.0), ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_multiply (G_GINT64_CONSTANT (1) << 62, -2.0), ==,
                   PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_multiply (G_MININT64 + 1, 1.5), ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (pilote_money_multiply (1, 1e300), ==, PILOTE_MONEY_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/currency", test_currency);
  g_test_add_func ("/money/format/c-locale", test_format_c_locale);
  g_test_add_func ("/money/format/sign", test_format_sign);
  g_test_add_func ("/money/format/none", test_format_none);
  g_test_add_func ("/money/format/whole", test_format_whole);
  g_test_add_func ("/money/format/short", test_format_short);
  g_test_add_func ("/money/format/extremes", test_format_extremes);
  g_test_add_func ("/money/format/french", test_format_french);
  g_test_add_func ("/money/to-major-string", test_to_major_string);
  g_test_add_func ("/money/count", test_count);
  g_test_add_func ("/money/parse/valid", test_parse);
  g_test_add_func ("/money/parse/errors", test_parse_errors);
  g_test_add_func ("/money/parse/round-trip", test_parse_format_round_trip);
  g_test_add_func ("/money/divide", test_divide);
  g_test_add_func ("/money/multiply", test_multiply);

  return g_test_run ();
}
