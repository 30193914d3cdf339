/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pilote-csv-reader-private.h"
#include "pilote-error.h"

/* The values of imported cells: dates, numbers and amounts as spreadsheets
 * and CRMs write them.
 */

#define NO_BREAK_SPACE        "\xc2\xa0"
#define NARROW_NO_BREAK_SPACE "\xe2\x80\xaf"
#define MINUS_SIGN            "\xe2\x88\x92"

static const char * const currencies[] = { "€", "£", "$", "EUR", "USD", "GBP", "CHF" };

static gboolean
has_prefix (const char *p,
            const char *end,
            const char *prefix)
{
  gsize len = strlen (prefix);

  return (gsize) (end - p) >= len && memcmp (p, prefix, len) == 0;
}

static gboolean
has_suffix (const char *start,
            const char *end,
            const char *suffix)
{
  gsize len = strlen (suffix);

  return (gsize) (end - start) >= len && memcmp (end - len, suffix, len) == 0;
}

/* A space, a tab, a no-break space or a narrow no-break space */
static gsize
space_at (const char *p,
          const char *end)
{
  if (p < end && (*p == ' ' || *p == '\t'))
    return 1;
  if (has_prefix (p, end, NO_BREAK_SPACE))
    return 2;
  if (has_prefix (p, end, NARROW_NO_BREAK_SPACE))
    return 3;
  return 0;
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  gsize n;

  while ((n = space_at (p, end)) > 0)
    p += n;
  return p;
}

static const char *
trim_end (const char *start,
          const char *end)
{
  for (;;)
    {
      if (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
      else if (has_suffix (start, end, NO_BREAK_SPACE))
        end -= 2;
      else if (has_suffix (start, end, NARROW_NO_BREAK_SPACE))
        end -= 3;
      else
        return end;
    }
}

static gsize
currency_at (const char *p,
             const char *end)
{
  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      if (has_prefix (p, end, currencies[i]))
        return strlen (currencies[i]);
    }
  return 0;
}

static gsize
currency_before (const char *start,
                 const char *end)
{
  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      if (has_suffix (start, end, currencies[i]))
        return strlen (currencies[i]);
    }
  return 0;
}

static gsize
sign_at (const char *p,
         const char *end,
         gboolean   *negative)
{
  if (p < end && (*p == '+' || *p == '-'))
    {
      *negative = *p == '-';
      return 1;
    }
  if (has_prefix (p, end, MINUS_SIGN))
    {
      *negative = TRUE;
      return 3;
    }
  return 0;
}

/* The kind of thousands separator at @p, 0 if there is none: the other one
 * of '.' and ',', an apostrophe, or 's' for any space (but a tab)
 */
static char
thousands_at (const char *p,
              const char *end,
              char        decimal,
              gsize      *len)
{
  *len = 1;
  if (*p == (decimal == ',' ? '.' : ',') || *p == '\'')
    return *p;
  if (*p != '\t' && (*len = space_at (p, end)) > 0)
    return 's';
  return 0;
}

static const char *
scan_exponent (const char      *p,
               const char      *end,
               PiloteCsvNumber *number)
{
  gboolean negative = FALSE;
  const char *q = p + 1;
  int exponent = 0;

  if (q < end && (*q == '+' || *q == '-'))
    negative = *q++ == '-';
  if (q == end || !g_ascii_isdigit (*q))
    return p;
  for (; q < end && g_ascii_isdigit (*q); q++)
    exponent = MIN (exponent * 10 + (*q - '0'), 100000);
  number->has_exponent = TRUE;
  number->exponent = negative ? -exponent : exponent;
  return q;
}

/**
 * pilote_csv_scan_number:
 * @text: a field
 * @decimal: '.' or ','
 * @number: (out caller-allocates): its parts
 *
 * Splits a number written by a person: spaces around; a sign, a currency
 * symbol or code and a percent sign, before or after; digits with
 * thousands separators (spaces, apostrophes, or the one of '.' and ','
 * that is not @decimal) between groups of exactly three digits; @decimal
 * and decimals; an exponent.
 *
 * Returns: %TRUE if @text is shaped like a number
 */
gboolean
pilote_csv_scan_number (const char      *text,
                        char             decimal,
                        PiloteCsvNumber *number)
{
  const char *end = text + strlen (text);
  const char *p = skip_spaces (text, end);
  gboolean has_sign = FALSE;
  gboolean has_digits = FALSE;
  gboolean in_fraction = FALSE;
  char group_kind = 0;
  guint group_len = 0;
  gsize n;

  memset (number, 0, sizeof *number);
  end = trim_end (p, end);

  for (;;)
    {
      if (!has_sign && (n = sign_at (p, end, &number->negative)) > 0)
        {
          has_sign = TRUE;
          p += n;
        }
      else if (!number->currency && (n = currency_at (p, end)) > 0)
        {
          number->currency = TRUE;
          p = skip_spaces (p + n, end);
        }
      else if (!number->percent && p < end && *p == '%')
        {
          number->percent = TRUE;
          p = skip_spaces (p + 1, end);
        }
      else
        break;
    }
  for (;;)
    {
      if (!number->currency && (n = currency_before (p, end)) > 0)
        {
          number->currency = TRUE;
          end = trim_end (p, end - n);
        }
      else if (!number->percent && end > p && end[-1] == '%')
        {
          number->percent = TRUE;
          end = trim_end (p, end - 1);
        }
      else
        break;
    }

  while (p < end)
    {
      char kind;

      if (g_ascii_isdigit (*p))
        {
          has_digits = TRUE;
          if (in_fraction)
            {
              if (number->n_frac < PILOTE_CSV_MAX_DIGITS)
                number->frac_digits[number->n_frac++] = *p;
            }
          else
            {
              group_len++;
              if (number->n_int == PILOTE_CSV_MAX_DIGITS)
                number->too_large = TRUE;
              else if (number->n_int > 0 || *p != '0')
                number->int_digits[number->n_int++] = *p;
            }
          p++;
          continue;
        }
      if (in_fraction)
        break;
      if (*p == decimal)
        {
          if (group_kind != 0 && group_len != 3)
            return FALSE;
          in_fraction = TRUE;
          p++;
          continue;
        }
      kind = thousands_at (p, end, decimal, &n);
      if (kind == 0)
        break;
      if (group_len == 0 || group_len > 3 ||
          (group_kind != 0 && (group_len != 3 || kind != group_kind)))
        return FALSE;
      if (p + n >= end || !g_ascii_isdigit (p[n]))
        return FALSE;
      group_kind = kind;
      group_len = 0;
      p += n;
    }
  if (!in_fraction && group_kind != 0 && group_len != 3)
    return FALSE;
  if (has_digits && p < end && (*p == 'e' || *p == 'E'))
    p = scan_exponent (p, end, number);

  return has_digits && p == end;
}

static gboolean
set_not_a_number_error (GError     **error,
                        const char  *text,
                        char         decimal)
{
  g_autofree char *shown = g_utf8_make_valid (text, -1);

  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
               _("“%s” is not a number. Write digits with “%c” as the decimal separator, "
                 "like 1234%c5, or change the decimal separator of the import."),
               shown, decimal, decimal);
  return FALSE;
}

/**
 * pilote_csv_parse_number:
 * @text: a field
 * @decimal: the decimal separator, '.' or ',' (0 reads '.')
 * @value: (out): the number
 * @error: return location for a %PILOTE_ERROR_INVALID error
 *
 * Reads a number as pilote_csv_scan_number() describes it. A percent sign
 * is allowed and ignored: "12,5 %" reads 12.5, not 0.125. A currency symbol
 * ($, €, £) or code (EUR, USD, GBP, CHF) is allowed and ignored.
 *
 * Returns: %TRUE if @text is a number
 */
gboolean
pilote_csv_parse_number (const char  *text,
                         char         decimal,
                         double      *value,
                         GError     **error)
{
  PiloteCsvNumber number;
  char buffer[2 * PILOTE_CSV_MAX_DIGITS + 32];
  double result;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (decimal == 0 || decimal == '.' || decimal == ',', FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (decimal == 0)
    decimal = '.';
  if (!pilote_csv_scan_number (text, decimal, &number))
    return set_not_a_number_error (error, text, decimal);

  g_snprintf (buffer, sizeof buffer, "%s%.*s.%.*se%d", number.negative ? "-" : "",
              (int) MAX (number.n_int, 1), number.n_int > 0 ? number.int_digits : "0",
              (int) MAX (number.n_frac, 1), number.n_frac > 0 ? number.frac_digits : "0",
              number.exponent);
  result = g_ascii_strtod (buffer, NULL);
  if (number.too_large || !isfinite (result))
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("“%s” is too large a number. Check that this column holds numbers."),
                   shown);
      return FALSE;
    }
  *value = result;
  return TRUE;
}

/**
 * pilote_csv_parse_money:
 * @text: a field
 * @decimal: the decimal separator, '.' or ',' (0 reads '.')
 * @digits: the number of minor-unit digits, 2 for cents (at most 18)
 * @minor: (out): the amount in minor units
 * @error: return location for a %PILOTE_ERROR_INVALID error
 *
 * Reads an amount like pilote_csv_parse_number(), but exactly: the digits
 * are read as integers, never through floating point. More decimals than
 * @digits are rounded half away from zero ("0.125" is 13 cents, "-0.125"
 * is -13), since exports often carry amounts with three or more decimals.
 * A percent sign or an exponent is an error, and so is an amount whose
 * minor units do not fit in 63 bits.
 *
 * Returns: %TRUE if @text is an amount
 */
gboolean
pilote_csv_parse_money (const char  *text,
                        char         decimal,
                        guint        digits,
                        gint64      *minor,
                        GError     **error)
{
  PiloteCsvNumber number;
  guint64 result = 0;
  gboolean fits = TRUE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (decimal == 0 || decimal == '.' || decimal == ',', FALSE);
  g_return_val_if_fail (digits <= 18, FALSE);
  g_return_val_if_fail (minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (decimal == 0)
    decimal = '.';
  if (!pilote_csv_scan_number (text, decimal, &number) || number.percent ||
      number.has_exponent)
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("“%s” is not an amount. Write digits with “%c” as the decimal separator, "
                     "like 1234%c50, or change the decimal separator of the import."),
                   shown, decimal, decimal);
      return FALSE;
    }

  fits = !number.too_large;
  for (guint i = 0; fits && i < number.n_int + digits; i++)
    {
      char digit;

      if (i < number.n_int)
        digit = number.int_digits[i];
      else if (i - number.n_int < number.n_frac)
        digit = number.frac_digits[i - number.n_int];
      else
        digit = '0';
      fits = g_uint64_checked_mul (&result, result, 10) &&
             g_uint64_checked_add (&result, result, (guint64) (digit - '0'));
    }
  if (fits && number.n_frac > digits && number.frac_digits[digits] >= '5')
    fits = g_uint64_checked_add (&result, result, 1);
  if (!fits || result > G_MAXINT64)
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("“%s” is too large an amount. Check that this column holds amounts."),
                   shown);
      return FALSE;
    }

  *minor = number.negative ? -(gint64) result : (gint64) result;
  return TRUE;
}

/* "14:05", "14:05:00", "14:05:00.123", "2:05 PM", "14:05:00Z", "14:05+02:00" */
static gboolean
scan_time (const char *p,
           const char *end)
{
  guint value = 0;
  guint n = 0;

  for (; p < end && g_ascii_isdigit (*p) && n < 3; p++, n++)
    value = value * 10 + (guint) (*p - '0');
  if (n == 0 || n > 2 || value > 24)
    return FALSE;
  /* Minutes, then maybe seconds (60 for a leap second) */
  for (guint part = 0; part < 2; part++)
    {
      if (p == end || *p != ':')
        {
          if (part == 0)
            return FALSE;
          break;
        }
      if (end - p < 3 || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) ||
          (p[1] - '0') * 10 + (p[2] - '0') > (part == 0 ? 59 : 60))
        return FALSE;
      p += 3;
    }
  if (p < end && (*p == '.' || *p == ','))
    {
      if (++p == end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  p = skip_spaces (p, end);
  if (end - p >= 2 && (g_ascii_strncasecmp (p, "AM", 2) == 0 ||
                       g_ascii_strncasecmp (p, "PM", 2) == 0))
    p += 2;
  if (p < end && *p == 'Z')
    p++;
  else if (p < end && (*p == '+' || *p == '-'))
    {
      p++;
      for (n = 0; p < end && n < 4 && (g_ascii_isdigit (*p) || (*p == ':' && n == 2)); p++)
        n += *p != ':';
      if (n != 2 && n != 4)
        return FALSE;
    }
  return p == end;
}

/**
 * pilote_csv_split_date:
 * @text: a field
 * @parts: (out caller-allocates): its three numbers
 *
 * Returns: %TRUE if @text is shaped like a date, with or without a time
 */
gboolean
pilote_csv_split_date (const char         *text,
                       PiloteCsvDateParts *parts)
{
  const char *end = text + strlen (text);
  const char *p = skip_spaces (text, end);
  char separator = 0;

  end = trim_end (p, end);
  for (guint i = 0; i < 3; i++)
    {
      guint value = 0;
      guint n = 0;

      for (; p < end && g_ascii_isdigit (*p) && n < 5; p++, n++)
        value = value * 10 + (guint) (*p - '0');
      if (n == 0 || n > 4)
        return FALSE;
      parts->value[i] = value;
      parts->n_digits[i] = n;
      if (i == 2)
        break;
      if (p == end || (*p != '/' && *p != '.' && *p != '-') || (i == 1 && *p != separator))
        return FALSE;
      separator = *p++;
    }

  if (parts->n_digits[0] == 4)
    {
      if (parts->n_digits[1] > 2 || parts->n_digits[2] > 2)
        return FALSE;
    }
  else if (parts->n_digits[0] > 2 || parts->n_digits[1] > 2 ||
           (parts->n_digits[2] != 2 && parts->n_digits[2] != 4))
    return FALSE;

  if (p == end)
    return TRUE;
  if (*p != 'T' && *p != ' ' && *p != '\t')
    return FALSE;
  return scan_time (skip_spaces (p + 1, end), end);
}

/**
 * pilote_csv_parse_date:
 * @text: a field, not empty
 * @format: the order of the date's parts
 * @iso: (out caller-allocates): the date as YYYY-MM-DD and a NUL
 * @error: return location for a %PILOTE_ERROR_INVALID error
 *
 * Reads a date written in @format's order, with '/', '.' or '-' between
 * its parts, one or two digits for the day and the month, and a year of
 * four digits or of two (00–69 are 2000–2069, 70–99 are 1970–1999). A
 * time may follow after a space or a 'T' ("3/1/2017 14:05",
 * "2017-03-01T14:05:00Z"); it is checked for its shape and dropped.
 * A year-first date (2017-03-01) is read whatever @format says; with
 * %PILOTE_DATE_FORMAT_AUTO nothing else is, since the order of day and
 * month is not known. The day must exist (31/02/2017 is an error).
 *
 * Returns: %TRUE if @text is a date
 */
gboolean
pilote_csv_parse_date (const char        *text,
                       PiloteDateFormat   format,
                       char               iso[11],
                       GError           **error)
{
  g_autofree char *shown = NULL;
  PiloteCsvDateParts parts;
  guint day;
  guint month;
  guint year;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (iso != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shown = g_utf8_make_valid (text, -1);
  if (*skip_spaces (text, text + strlen (text)) == '\0')
    {
      g_set_error_literal (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                           _("The date is empty. Write it like 2017-03-01."));
      return FALSE;
    }
  if (!pilote_csv_split_date (text, &parts))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("“%s” is not a date. Write it like 2017-03-01, or in the order set for "
                     "the import."),
                   shown);
      return FALSE;
    }

  if (parts.n_digits[0] == 4)
    {
      year = parts.value[0];
      month = parts.value[1];
      day = parts.value[2];
    }
  else
    {
      switch (format)
        {
        case PILOTE_DATE_FORMAT_DMY:
          day = parts.value[0];
          month = parts.value[1];
          break;

        case PILOTE_DATE_FORMAT_MDY:
          month = parts.value[0];
          day = parts.value[1];
          break;

        case PILOTE_DATE_FORMAT_ISO:
          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                       _("“%s” does not start with the year, as the import’s date format "
                         "says. Set the date format to day/month/year or month/day/year."),
                       shown);
          return FALSE;

        case PILOTE_DATE_FORMAT_AUTO:
          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                       _("In “%s”, which is the day and which is the month is not known. Set "
                         "the date format of the import to day/month/year or month/day/year."),
                       shown);
          return FALSE;

        default:
          g_return_val_if_reached (FALSE);
        }
      year = parts.value[2];
      if (parts.n_digits[2] == 2)
        year += year < 70 ? 2000 : 1900;
    }

  if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("“%s” is not a date that exists. Check its day and month, and the date "
                     "format of the import."),
                   shown);
      return FALSE;
    }

  g_snprintf (iso, 11, "%04u-%02u-%02u", year, month, day);
  return TRUE;
}
