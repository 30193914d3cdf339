/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pilote-error.h"
#include "pilote-money.h"

/* Every space this module writes is a no-break space, so that an amount
 * never wraps between its digits, its unit and its symbol.
 */
#define NO_BREAK_SPACE "\xc2\xa0"
#define EM_DASH "\xe2\x80\x94"

typedef struct
{
  char code[4];
  const char *symbol;
} CurrencySymbol;

static const CurrencySymbol currency_symbols[] = {
  { "EUR", "€" },
  { "USD", "$" },
  { "GBP", "£" },
  { "CHF", "CHF" },
  { "JPY", "¥" },
  { "CAD", "CA$" },
};

/* ISO 4217 currencies without minor units, and with three digits of them;
 * every other currency has two.
 */
static const char zero_digit_currencies[][4] = {
  "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
  "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
};

static const char three_digit_currencies[][4] = {
  "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
};

/* The monetary conventions of LC_MONETARY, in UTF-8. */
typedef struct
{
  char decimal[16];
  char thousands[16];
  char grouping[16];
  gboolean symbol_first;
  gboolean symbol_spaced;
} MoneyConventions;

typedef enum {
  SEPARATOR_NONE,
  SEPARATOR_DOT,
  SEPARATOR_COMMA,
  SEPARATOR_SPACE, /* spaces of any width and apostrophes: always thousands */
} SeparatorKind;

typedef struct
{
  const char *digits;
  gsize len;
  SeparatorKind before;
} DigitRun;

static gboolean
is_in_list (const char  *currency,
            const char (*list)[4],
            gsize        n_items)
{
  for (gsize i = 0; i < n_items; i++)
    if (strcmp (currency, list[i]) == 0)
      return TRUE;

  return FALSE;
}

guint
pilote_currency_digits (const char *currency)
{
  g_return_val_if_fail (currency != NULL, 2);

  if (is_in_list (currency, zero_digit_currencies, G_N_ELEMENTS (zero_digit_currencies)))
    return 0;
  if (is_in_list (currency, three_digit_currencies, G_N_ELEMENTS (three_digit_currencies)))
    return 3;

  return 2;
}

/**
 * pilote_currency_symbol:
 * @currency: an ISO 4217 code
 *
 * Returns: (transfer none): the symbol shown for @currency, or @currency
 *   itself when it has no symbol of its own
 */
const char *
pilote_currency_symbol (const char *currency)
{
  g_return_val_if_fail (currency != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    if (strcmp (currency, currency_symbols[i].code) == 0)
      return currency_symbols[i].symbol;

  return currency;
}

gboolean
pilote_currency_is_valid (const char *currency)
{
  if (currency == NULL)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    if (currency[i] < 'A' || currency[i] > 'Z')
      return FALSE;

  return currency[3] == '\0';
}

static guint64
get_scale (guint digits)
{
  guint64 scale = 1;

  for (guint i = 0; i < digits; i++)
    scale *= 10;

  return scale;
}

/* n ÷ d rounded half away from zero, without overflow */
static guint64
divide_rounded (guint64 n,
                guint64 d)
{
  guint64 remainder = n % d;

  return n / d + (remainder >= d - remainder ? 1 : 0);
}

static guint64
get_magnitude (PiloteMoney amount)
{
  /* -(amount + 1) + 1 stays in range for G_MININT64 + 1 */
  if (amount < 0)
    return (guint64) (-(amount + 1)) + 1;

  return (guint64) amount;
}

static void
copy_locale_string (char       *dest,
                    gsize       size,
                    const char *text,
                    const char *fallback)
{
  g_autofree char *utf8 = NULL;

  if (text == NULL)
    text = "";

  if (g_get_charset (NULL))
    {
      if (g_utf8_validate (text, -1, NULL) && g_strlcpy (dest, text, size) < size)
        return;
    }
  else
    {
      utf8 = g_locale_to_utf8 (text, -1, NULL, NULL, NULL);
      if (utf8 != NULL && g_strlcpy (dest, utf8, size) < size)
        return;
    }

  g_strlcpy (dest, fallback, size);
}

static void
read_conventions (MoneyConventions *conv)
{
  const struct lconv *lc = localeconv ();

  if (lc->mon_decimal_point == NULL || lc->mon_decimal_point[0] == '\0')
    {
      /* The C and POSIX locales leave the monetary conventions empty:
       * "€1,234.56", or "CHF 1,234.56" for a symbol made of letters.
       */
      g_strlcpy (conv->decimal, ".", sizeof conv->decimal);
      g_strlcpy (conv->thousands, ",", sizeof conv->thousands);
      g_strlcpy (conv->grouping, "\3", sizeof conv->grouping);
      conv->symbol_first = TRUE;
      conv->symbol_spaced = FALSE;
      return;
    }

  copy_locale_string (conv->decimal, sizeof conv->decimal, lc->mon_decimal_point, ".");
  copy_locale_string (conv->thousands, sizeof conv->thousands, lc->mon_thousands_sep, "");
  g_strlcpy (conv->grouping, lc->mon_grouping != NULL ? lc->mon_grouping : "",
             sizeof conv->grouping);
  if (conv->grouping[0] == '\0' && conv->thousands[0] != '\0')
    g_strlcpy (conv->grouping, "\3", sizeof conv->grouping);

  /* CHAR_MAX ("unspecified") puts the symbol first, as in the C locale */
  conv->symbol_first = lc->p_cs_precedes != 0;
  /* 2 asks for a space between the sign and the symbol when they touch;
   * the sign always comes first here, so it only matters for the symbol
   * after the value, where it separates the value from the symbol.
   */
  conv->symbol_spaced = lc->p_sep_by_space == 1
                        || (lc->p_sep_by_space == 2 && !conv->symbol_first);
}

/* Appends @value with the thousands separators of @conv (LC_MONETARY's
 * mon_grouping: each byte is the size of a group counting from the right,
 * the last one repeats, CHAR_MAX stops grouping).
 */
static void
append_grouped (GString                *out,
                guint64                 value,
                const MoneyConventions *conv)
{
  char digits[24];
  gboolean separator_before[24] = { FALSE, };
  const char *grouping = conv->grouping;
  gsize n_digits;
  gsize position;
  guint size = 0;

  n_digits = (gsize) g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  position = n_digits;

  while (conv->thousands[0] != '\0')
    {
      if (*grouping != '\0')
        {
          /* CHAR_MAX, or a nonsensical size, whether char is signed or not */
          if ((guchar) *grouping >= CHAR_MAX)
            break;
          size = (guint) *grouping;
          grouping++;
        }
      if (size == 0 || position <= size)
        break;
      position -= size;
      separator_before[position] = TRUE;
    }

  for (gsize i = 0; i < n_digits; i++)
    {
      if (separator_before[i])
        g_string_append (out, conv->thousands);
      g_string_append_c (out, digits[i]);
    }
}

/**
 * pilote_count_format:
 * @count: a number of things (deals, clients, rows)
 *
 * The count with the thousands separators of amounts: "16,588" in
 * English, "16 588" in French, so that counts and amounts read alike.
 *
 * Returns: (transfer full): the text
 */
char *
pilote_count_format (gint64 count)
{
  GString *out = g_string_new (NULL);
  MoneyConventions conv;

  read_conventions (&conv);
  if (count < 0)
    g_string_append_c (out, '-');
  append_grouped (out, count < 0 ? (guint64) -(count + 1) + 1 : (guint64) count, &conv);
  return g_string_free (out, FALSE);
}

/* Appends "12 k" or "1.2 M"; returns FALSE (appending nothing) when
 * @magnitude is too small to be abbreviated.
 */
static gboolean
append_short (GString                *out,
              guint64                 magnitude,
              guint64                 scale,
              const MoneyConventions *conv)
{
  guint64 thousands;
  guint64 tenths_of_millions;

  if (magnitude / scale < 10000)
    return FALSE;

  thousands = divide_rounded (magnitude, scale * 1000);
  if (thousands < 1000)
    {
      append_grouped (out, thousands, conv);
      g_string_append (out, NO_BREAK_SPACE);
      /* Translators: the abbreviation of thousands in short amounts ("12 k€") */
      g_string_append (out, C_("amount", "k"));
      return TRUE;
    }

  tenths_of_millions = divide_rounded (magnitude, scale * 100000);
  append_grouped (out, tenths_of_millions / 10, conv);
  g_string_append (out, conv->decimal);
  g_string_append_printf (out, "%u", (guint) (tenths_of_millions % 10));
  g_string_append (out, NO_BREAK_SPACE);
  /* Translators: the abbreviation of millions in short amounts ("1,2 M€") */
  g_string_append (out, C_("amount", "M"));
  return TRUE;
}

static gboolean
is_letter_at (const char *text)
{
  return g_unichar_isalpha (g_utf8_get_char (text));
}

static gboolean
ends_with_letter (const char *text)
{
  const char *last;

  if (*text == '\0')
    return FALSE;

  last = g_utf8_find_prev_char (text, text + strlen (text));
  return last != NULL && is_letter_at (last);
}

/**
 * pilote_money_format:
 * @amount: an amount in minor units, or %PILOTE_MONEY_NONE
 * @currency: the ISO 4217 code of @amount
 * @flags: how to shorten or decorate the result
 *
 * Formats @amount for display with the monetary conventions of the current
 * LC_MONETARY locale ("1 234 567,89 €" in French, "€1,234,567.89" in the C
 * locale), an ASCII "-" leading negative amounts. Only integer arithmetic
 * is used, so every amount prints exactly.
 *
 * %PILOTE_MONEY_FORMAT_WHOLE and %PILOTE_MONEY_FORMAT_SHORT round half away
 * from zero; an amount that rounds to zero loses its sign.
 * %PILOTE_MONEY_FORMAT_SHORT abbreviates from 10 000 major units ("12 k",
 * then "1.2 M" from a rounded thousand thousands) and leaves smaller amounts
 * as the other flags ask.
 *
 * Returns: (transfer full): the amount as UTF-8 text, "—" for
 *   %PILOTE_MONEY_NONE
 */
char *
pilote_money_format (PiloteMoney             amount,
                     const char             *currency,
                     PiloteMoneyFormatFlags  flags)
{
  g_autoptr(GString) number = NULL;
  g_autoptr(GString) out = NULL;
  MoneyConventions conv;
  const char *symbol = NULL;
  guint digits;
  guint64 scale;
  guint64 magnitude;
  gboolean is_zero;

  g_return_val_if_fail (currency != NULL, NULL);

  if (amount == PILOTE_MONEY_NONE)
    return g_strdup (EM_DASH);

  read_conventions (&conv);
  digits = pilote_currency_digits (currency);
  scale = get_scale (digits);
  magnitude = get_magnitude (amount);
  number = g_string_new (NULL);

  if ((flags & PILOTE_MONEY_FORMAT_SHORT) && append_short (number, magnitude, scale, &conv))
    {
      is_zero = FALSE;
    }
  else if ((flags & PILOTE_MONEY_FORMAT_WHOLE) || digits == 0)
    {
      guint64 whole = divide_rounded (magnitude, scale);

      append_grouped (number, whole, &conv);
      is_zero = whole == 0;
    }
  else
    {
      append_grouped (number, magnitude / scale, &conv);
      g_string_append (number, conv.decimal);
      g_string_append_printf (number, "%0*" G_GUINT64_FORMAT, (int) digits, magnitude % scale);
      is_zero = magnitude == 0;
    }

  out = g_string_new (NULL);
  if (amount < 0 && !is_zero)
    g_string_append_c (out, '-');
  else if ((flags & PILOTE_MONEY_FORMAT_SIGN) && !is_zero)
    g_string_append_c (out, '+');

  if (!(flags & PILOTE_MONEY_FORMAT_NO_SYMBOL))
    symbol = pilote_currency_symbol (currency);

  if (symbol != NULL && conv.symbol_first)
    {
      g_string_append (out, symbol);
      if (conv.symbol_spaced || ends_with_letter (symbol))
        g_string_append (out, NO_BREAK_SPACE);
    }

  g_string_append_len (out, number->str, (gssize) number->len);

  if (symbol != NULL && !conv.symbol_first)
    {
      if (conv.symbol_spaced || is_letter_at (symbol))
        g_string_append (out, NO_BREAK_SPACE);
      g_string_append (out, symbol);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pilote_money_to_major_string:
 * @amount: an amount in minor units, or %PILOTE_MONEY_NONE
 * @currency: the ISO 4217 code of @amount
 *
 * Writes @amount in major units for files (JSON, CSV), whatever the
 * locale: "-" for negatives, "." before exactly the currency's number of
 * minor digits, no grouping ("2297200.86", "-0.05", "1234" for JPY).
 *
 * Returns: (transfer full): the amount, or an empty string for
 *   %PILOTE_MONEY_NONE
 */
char *
pilote_money_to_major_string (PiloteMoney  amount,
                              const char  *currency)
{
  guint digits;
  guint64 scale;
  guint64 magnitude;
  const char *sign;

  g_return_val_if_fail (currency != NULL, NULL);

  if (amount == PILOTE_MONEY_NONE)
    return g_strdup ("");

  digits = pilote_currency_digits (currency);
  scale = get_scale (digits);
  magnitude = get_magnitude (amount);
  sign = amount < 0 ? "-" : "";

  if (digits == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, magnitude);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          sign, magnitude / scale, (int) digits, magnitude % scale);
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  return p;
}

static const char *
skip_spaces_backwards (const char *start,
                       const char *end)
{
  while (end > start)
    {
      const char *last = g_utf8_find_prev_char (start, end);

      if (last == NULL || !g_unichar_isspace (g_utf8_get_char (last)))
        break;
      end = last;
    }

  return end;
}

static gboolean
take_sign (const char **p,
           const char  *end,
           gboolean    *negative)
{
  static const char minus_sign[] = "\xe2\x88\x92"; /* U+2212 */

  if (*p < end && (**p == '-' || **p == '+'))
    {
      *negative = **p == '-';
      *p += 1;
      return TRUE;
    }

  if ((gsize) (end - *p) >= strlen (minus_sign)
      && strncmp (*p, minus_sign, strlen (minus_sign)) == 0)
    {
      *negative = TRUE;
      *p += strlen (minus_sign);
      return TRUE;
    }

  return FALSE;
}

/* Matches the currency's symbol, its code (in any case) or a bare "$" for
 * a dollar, at the start (@at_end FALSE) or at the end of [start, end).
 * Returns the length matched, 0 for none.
 */
static gsize
match_currency (const char *start,
                const char *end,
                const char *currency,
                gboolean    at_end)
{
  const char *symbol = pilote_currency_symbol (currency);
  const char *candidates[3] = { symbol, currency, strchr (symbol, '$') != NULL ? "$" : NULL };
  gsize available = (gsize) (end - start);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gsize len;
      const char *p;

      if (candidates[i] == NULL)
        continue;

      len = strlen (candidates[i]);
      if (len == 0 || len > available)
        continue;

      p = at_end ? end - len : start;
      if (g_ascii_strncasecmp (p, candidates[i], len) == 0)
        return len;
    }

  return 0;
}

static SeparatorKind
classify_separator (gunichar c)
{
  if (c == '.')
    return SEPARATOR_DOT;
  if (c == ',')
    return SEPARATOR_COMMA;
  if (g_unichar_isspace (c) || c == '\'' || c == 0x2019)
    return SEPARATOR_SPACE;

  return SEPARATOR_NONE;
}

/* Splits [start, end) into runs of digits separated by single separators
 * (several spaces in a row count as one). FALSE for anything else.
 */
static gboolean
split_digit_runs (const char *start,
                  const char *end,
                  GArray     *runs)
{
  SeparatorKind pending = SEPARATOR_NONE;
  gboolean in_run = FALSE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      SeparatorKind kind;

      if (c >= '0' && c <= '9')
        {
          if (in_run)
            {
              g_array_index (runs, DigitRun, runs->len - 1).len++;
            }
          else
            {
              DigitRun run = { p, 1, pending };

              g_array_append_val (runs, run);
              pending = SEPARATOR_NONE;
              in_run = TRUE;
            }
          continue;
        }

      kind = classify_separator (c);
      if (kind == SEPARATOR_NONE || runs->len == 0)
        return FALSE;
      if (!in_run && !(kind == SEPARATOR_SPACE && pending == SEPARATOR_SPACE))
        return FALSE;

      pending = kind;
      in_run = FALSE;
    }

  return in_run;
}

static char
get_locale_decimal_point (void)
{
  const struct lconv *lc = localeconv ();

  if (lc->mon_decimal_point != NULL && lc->mon_decimal_point[0] != '\0')
    return lc->mon_decimal_point[0];
  if (lc->decimal_point != NULL && lc->decimal_point[0] != '\0')
    return lc->decimal_point[0];

  return '.';
}

/* Returns the index of the run after the decimal separator, the number of
 * runs when there is none, or -1 when the separators make no sense.
 *
 * With both "." and ",", the last one is the decimal separator. With only
 * one of them, once, followed by exactly three digits and preceded by one
 * to three ("1,234", "1.234"), it is the decimal separator only if the
 * locale's is that character; otherwise a single one is decimal and
 * several are thousands separators.
 */
static int
find_decimal_run (const DigitRun *runs,
                  guint           n_runs)
{
  guint n_dots = 0, n_commas = 0;
  guint last_dot = 0, last_comma = 0;
  SeparatorKind kind;
  guint last;

  for (guint i = 1; i < n_runs; i++)
    {
      if (runs[i].before == SEPARATOR_DOT)
        {
          n_dots++;
          last_dot = i;
        }
      else if (runs[i].before == SEPARATOR_COMMA)
        {
          n_commas++;
          last_comma = i;
        }
    }

  if (n_dots > 0 && n_commas > 0)
    {
      last = MAX (last_dot, last_comma);
      if ((last == last_dot ? n_dots : n_commas) != 1 || last != n_runs - 1)
        return -1;
      return (int) last;
    }

  if (n_dots + n_commas != 1)
    return (int) n_runs;

  last = MAX (last_dot, last_comma);
  kind = runs[last].before;
  if (last != n_runs - 1)
    return (int) n_runs; /* "1.234 567": more groups follow */

  if (runs[last].len == 3 && runs[last - 1].len <= 3
      && !(last == 1 && runs[0].len == 1 && runs[0].digits[0] == '0'))
    {
      char decimal_point = get_locale_decimal_point ();

      if ((kind == SEPARATOR_DOT && decimal_point == '.')
          || (kind == SEPARATOR_COMMA && decimal_point == ','))
        return (int) last;
      return (int) n_runs;
    }

  return (int) last;
}

/* Thousands groups: one to three digits first, then groups of three (two
 * are allowed before the last one, for lakhs: "1,23,45,678").
 */
static gboolean
check_grouping (const DigitRun *runs,
                guint           n_integer_runs)
{
  if (n_integer_runs <= 1)
    return TRUE;

  if (runs[0].len > 3)
    return FALSE;

  for (guint i = 1; i < n_integer_runs; i++)
    if (runs[i].len != 3 && !(runs[i].len == 2 && i < n_integer_runs - 1))
      return FALSE;

  return TRUE;
}

static gboolean
append_digits (guint64        *value,
               const DigitRun *run)
{
  for (gsize i = 0; i < run->len; i++)
    {
      if (!g_uint64_checked_mul (value, *value, 10)
          || !g_uint64_checked_add (value, *value, (guint64) (run->digits[i] - '0')))
        return FALSE;
    }

  return TRUE;
}

static gboolean
set_not_an_amount_error (GError     **error,
                         const char  *text)
{
  g_autofree char *shown = g_utf8_make_valid (text, -1);

  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
               _("“%s” is not an amount: type digits, with a decimal separator if needed, "
                 "like 1234.50"),
               shown);
  return FALSE;
}

static gboolean
set_too_large_error (GError     **error,
                     const char  *text)
{
  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
               _("“%s” is too large an amount: type a smaller one"), text);
  return FALSE;
}

/**
 * pilote_money_parse:
 * @text: what the user typed, or a cell of an imported file
 * @currency: the ISO 4217 code of the amount
 * @amount: (out): where to store the amount in minor units
 * @error: return location for a %PILOTE_ERROR_INVALID error
 *
 * Reads an amount written by a person: digits with "." or "," as decimal
 * separator, spaces (no-break ones included), apostrophes, "." or "," as
 * thousands separators, a "+", "-" or "−" sign, and the currency's symbol
 * or code before or after. When both "." and "," appear, the last one is
 * the decimal separator. A lone "." or "," followed by exactly three
 * digits ("1,234") is the decimal separator only if it is the locale's;
 * otherwise a lone one is decimal and several are thousands separators.
 *
 * Never rounds: more decimals than @currency has is an error, even
 * trailing zeros ("1.500" might mean 1500), and so is an amount beyond
 * the range of #PiloteMoney. @amount is left untouched on error.
 *
 * Returns: %TRUE if @text is an amount
 */
gboolean
pilote_money_parse (const char   *text,
                    const char   *currency,
                    PiloteMoney  *amount,
                    GError      **error)
{
  g_autoptr(GArray) runs = NULL;
  const DigitRun *run_data;
  const char *start;
  const char *end;
  gboolean negative = FALSE;
  gboolean has_sign;
  gsize symbol_len;
  int decimal_run;
  guint n_integer_runs;
  guint digits;
  guint n_decimals = 0;
  guint64 value = 0;
  guint64 decimals = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    return set_not_an_amount_error (error, text);

  start = skip_spaces (text, text + strlen (text));
  end = skip_spaces_backwards (start, text + strlen (text));
  if (start == end)
    {
      g_set_error_literal (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                           _("The amount is empty: type digits, with a decimal separator if "
                             "needed, like 1234.50"));
      return FALSE;
    }

  /* "-€12", "€-12", "- 12 €", "EUR 12", "12EUR" */
  has_sign = take_sign (&start, end, &negative);
  start = skip_spaces (start, end);
  symbol_len = match_currency (start, end, currency, FALSE);
  if (symbol_len > 0)
    start = skip_spaces (start + symbol_len, end);
  if (!has_sign && take_sign (&start, end, &negative))
    start = skip_spaces (start, end);
  symbol_len = match_currency (start, end, currency, TRUE);
  if (symbol_len > 0)
    end = skip_spaces_backwards (start, end - symbol_len);

  runs = g_array_new (FALSE, FALSE, sizeof (DigitRun));
  if (!split_digit_runs (start, end, runs))
    return set_not_an_amount_error (error, text);

  run_data = &g_array_index (runs, DigitRun, 0);
  decimal_run = find_decimal_run (run_data, runs->len);
  if (decimal_run < 0)
    return set_not_an_amount_error (error, text);

  n_integer_runs = (guint) decimal_run;
  if (!check_grouping (run_data, n_integer_runs))
    return set_not_an_amount_error (error, text);

  digits = pilote_currency_digits (currency);
  if (n_integer_runs < runs->len)
    {
      n_decimals = (guint) run_data[n_integer_runs].len;
      if (n_decimals > digits)
        {
          if (digits == 0)
            g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                         _("“%s” has decimals, but %s amounts have none: type the amount "
                           "without decimals, like 1234"),
                         text, currency);
          else
            g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "“%s” has too many decimals for %s: type at most %u "
                                      "digit after the decimal separator",
                                      "“%s” has too many decimals for %s: type at most %u "
                                      "digits after the decimal separator",
                                      digits),
                         text, currency, digits);
          return FALSE;
        }
      if (!append_digits (&decimals, &run_data[n_integer_runs]))
        g_assert_not_reached ();
    }

  for (guint i = 0; i < n_integer_runs; i++)
    if (!append_digits (&value, &run_data[i]))
      return set_too_large_error (error, text);

  /* decimals < 10^n_decimals, so the second product stays below 10^digits */
  if (!g_uint64_checked_mul (&value, value, get_scale (digits))
      || !g_uint64_checked_add (&value, value, decimals * get_scale (digits - n_decimals))
      || value > G_MAXINT64)
    return set_too_large_error (error, text);

  *amount = negative ? -(PiloteMoney) value : (PiloteMoney) value;
  return TRUE;
}

/**
 * pilote_money_divide:
 * @amount: an amount, or %PILOTE_MONEY_NONE
 * @divisor: what to divide by
 *
 * Divides exactly, rounding half away from zero (5 ÷ 2 = 3, −5 ÷ 2 = −3).
 *
 * Returns: the quotient, or %PILOTE_MONEY_NONE when @amount is
 *   %PILOTE_MONEY_NONE or @divisor is not positive
 */
PiloteMoney
pilote_money_divide (PiloteMoney amount,
                     gint64      divisor)
{
  guint64 quotient;

  if (amount == PILOTE_MONEY_NONE || divisor <= 0)
    return PILOTE_MONEY_NONE;

  /* |quotient| ≤ |amount| < 2⁶³, so the sign change cannot overflow */
  quotient = divide_rounded (get_magnitude (amount), (guint64) divisor);
  return amount < 0 ? -(PiloteMoney) quotient : (PiloteMoney) quotient;
}

/**
 * pilote_money_multiply:
 * @amount: an amount, or %PILOTE_MONEY_NONE
 * @factor: what to multiply by (a probability, a rate)
 *
 * Multiplies in long double precision and rounds half away from zero.
 *
 * Returns: the product, or %PILOTE_MONEY_NONE when @amount is
 *   %PILOTE_MONEY_NONE, @factor is not finite or the product does not fit
 */
PiloteMoney
pilote_money_multiply (PiloteMoney amount,
                       double      factor)
{
  long double product;

  if (amount == PILOTE_MONEY_NONE || !isfinite (factor))
    return PILOTE_MONEY_NONE;

  product = roundl ((long double) amount * (long double) factor);
  /* ±2⁶³ are exact in long double; G_MININT64 itself means "no value" */
  if (product >= 0x1p63L || product <= -0x1p63L)
    return PILOTE_MONEY_NONE;

  return (PiloteMoney) product;
}
