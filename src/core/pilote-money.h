/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PiloteMoney:
 *
 * An amount of money in integer minor units of the file's currency
 * (cents for EUR and USD). %PILOTE_MONEY_NONE stands for "no value"
 * (a ratio without denominator, say).
 */
typedef gint64 PiloteMoney;

#define PILOTE_MONEY_NONE G_MININT64

typedef enum {
  PILOTE_MONEY_FORMAT_DEFAULT = 0,
  /* no currency symbol */
  PILOTE_MONEY_FORMAT_NO_SYMBOL = 1 << 0,
  /* drop the minor units ("1 235 €") */
  PILOTE_MONEY_FORMAT_WHOLE = 1 << 1,
  /* abbreviate thousands and millions ("1,2 M€"), for tight spaces */
  PILOTE_MONEY_FORMAT_SHORT = 1 << 2,
  /* always show the sign, "+" included (for deltas) */
  PILOTE_MONEY_FORMAT_SIGN = 1 << 3,
} PiloteMoneyFormatFlags;

guint        pilote_currency_digits        (const char *currency);
const char  *pilote_currency_symbol        (const char *currency);
gboolean     pilote_currency_is_valid      (const char *currency);

char        *pilote_money_format           (PiloteMoney             amount,
                                            const char             *currency,
                                            PiloteMoneyFormatFlags  flags);
char        *pilote_count_format           (gint64                  count);
char        *pilote_money_to_major_string  (PiloteMoney             amount,
                                            const char             *currency);
gboolean     pilote_money_parse            (const char             *text,
                                            const char             *currency,
                                            PiloteMoney            *amount,
                                            GError                **error);
PiloteMoney  pilote_money_divide           (PiloteMoney             amount,
                                            gint64                  divisor);
PiloteMoney  pilote_money_multiply         (PiloteMoney             amount,
                                            double                  factor);

G_END_DECLS
