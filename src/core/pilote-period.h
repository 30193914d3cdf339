/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PILOTE_PERIOD_WEEK,
  PILOTE_PERIOD_MONTH,
  PILOTE_PERIOD_QUARTER,
  PILOTE_PERIOD_YEAR,
  PILOTE_PERIOD_CUSTOM,
} PilotePeriodKind;

/**
 * PilotePeriod:
 * @kind: what kind of period
 * @from: first day, included
 * @to: first day after the period (the range is half-open: [from, to))
 * @fiscal_start: first month of the fiscal year (1 = January) that quarters
 *   and years were computed with
 */
typedef struct {
  PilotePeriodKind kind;
  GDate from;
  GDate to;
  GDateMonth fiscal_start;
} PilotePeriod;

#define PILOTE_ISO_DATE_LEN 11 /* "YYYY-MM-DD" and the terminating nul */

gboolean  pilote_date_parse_iso          (const char         *text,
                                          GDate              *date);
void      pilote_date_to_iso             (const GDate        *date,
                                          char                buf[PILOTE_ISO_DATE_LEN]);
void      pilote_date_set_today          (GDate              *date);

void      pilote_period_init_containing  (PilotePeriod       *period,
                                          PilotePeriodKind    kind,
                                          const GDate        *date,
                                          GDateMonth          fiscal_start);
void      pilote_period_init_month       (PilotePeriod       *period,
                                          GDateYear           year,
                                          GDateMonth          month);
gboolean  pilote_period_init_custom      (PilotePeriod       *period,
                                          const GDate        *from,
                                          const GDate        *to);
gboolean  pilote_period_parse            (PilotePeriod       *period,
                                          const char         *from_iso,
                                          const char         *to_iso,
                                          GError            **error);
void      pilote_period_previous         (const PilotePeriod *period,
                                          PilotePeriod       *previous);
void      pilote_period_next             (const PilotePeriod *period,
                                          PilotePeriod       *next);
void      pilote_period_year_before      (const PilotePeriod *period,
                                          PilotePeriod       *year_before);
gboolean  pilote_period_contains         (const PilotePeriod *period,
                                          const GDate        *date);
guint     pilote_period_days             (const PilotePeriod *period);
double    pilote_period_elapsed_share    (const PilotePeriod *period,
                                          const GDate        *today);
void      pilote_period_from_iso         (const PilotePeriod *period,
                                          char                buf[PILOTE_ISO_DATE_LEN]);
void      pilote_period_to_iso           (const PilotePeriod *period,
                                          char                buf[PILOTE_ISO_DATE_LEN]);
char     *pilote_period_describe         (const PilotePeriod *period);

G_END_DECLS
