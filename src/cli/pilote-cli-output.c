/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-cli"

#include "config.h"

#include <math.h>

#include "pilote-cli-output.h"
#include "pilote-export.h"
#include "pilote-enums.h"
#include "pilote-json.h"

/* Figures as the command line prints them: money in major units, rates as
 * fractions to four decimals, "null" (or an empty CSV cell) for no value. */

typedef enum { KIND_MONEY, KIND_COUNT, KIND_RATE, KIND_DAYS } FieldKind;

static const struct {
  const char *name;
  FieldKind   kind;
  gsize       offset;
} summary_fields[] = {
#define SUMMARY(name, kind) { #name, kind, G_STRUCT_OFFSET (PiloteKpiSummary, name) }
  SUMMARY (sales_cycle_median_days, KIND_DAYS),
  SUMMARY (forecast, KIND_MONEY),
  SUMMARY (forecast_commit, KIND_MONEY),
  SUMMARY (forecast_best_case, KIND_MONEY),
  SUMMARY (sales_velocity, KIND_MONEY),
  SUMMARY (prospects_open, KIND_COUNT),
  SUMMARY (prospects_converted, KIND_COUNT),
  SUMMARY (prospect_conversion, KIND_RATE),
  SUMMARY (active_clients, KIND_COUNT),
  SUMMARY (yearly_margin_per_client, KIND_MONEY),
  SUMMARY (client_lifetime_years, KIND_DAYS),
  SUMMARY (clv, KIND_MONEY),
  SUMMARY (clv_to_cac, KIND_DAYS),
  SUMMARY (churned_clients, KIND_COUNT),
  SUMMARY (churned_revenue, KIND_MONEY),
  SUMMARY (meetings_held, KIND_COUNT),
  SUMMARY (calls_made, KIND_COUNT),
#undef SUMMARY
};

/* the value as plain text, NULL for no value */
static char *
format_value (gconstpointer  base,
              gsize          offset,
              FieldKind      kind,
              const char    *currency)
{
  gconstpointer ptr = (const guint8 *) base + offset;
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 number;
  double real;

  switch (kind)
    {
    case KIND_MONEY:
      number = *(const gint64 *) ptr;
      return number == PILOTE_MONEY_NONE ? NULL : pilote_money_to_major_string (number, currency);
    case KIND_COUNT:
      number = *(const gint64 *) ptr;
      return number < 0 ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, number);
    case KIND_RATE:
    case KIND_DAYS:
      real = *(const double *) ptr;
      if (!isfinite (real))
        return NULL;
      pilote_json_append_number (text, real, kind == KIND_RATE ? 4 : 2);
      return g_string_free (g_steal_pointer (&text), FALSE);
    default:
      g_assert_not_reached ();
    }
}

static void
append_json_value (GString    *json,
                   const char *name,
                   char       *value)
{
  pilote_json_append_string (json, name);
  g_string_append (json, ": ");
  g_string_append (json, value != NULL ? value : "null");
  g_free (value);
}

static void
append_figures (GString                *json,
                const PiloteKpiFigures *figures,
                const char             *currency)
{
  for (guint i = 0; pilote_kpi_figure_name (i) != NULL; i++)
    {
      if (i > 0)
        g_string_append (json, ", ");
      append_json_value (json, pilote_kpi_figure_name (i),
                         pilote_kpi_figure_format (figures, i, currency, '.'));
    }
}

static void
append_object (GString                *json,
               const char             *name,
               const PiloteKpiFigures *figures,
               const char             *currency)
{
  pilote_json_append_string (json, name);
  g_string_append (json, ": {");
  append_figures (json, figures, currency);
  g_string_append (json, "}");
}

static void
append_details (GString                *json,
                const PiloteCliDetails *details,
                const char             *currency)
{
  if (details->funnel != NULL)
    {
      g_string_append (json, ",\n  \"funnel\": [");
      for (guint i = 0; i < details->funnel->len; i++)
        {
          const PiloteFunnelStage *stage = g_ptr_array_index (details->funnel, i);

          g_string_append (json, i > 0 ? ",\n    {\"stage\": " : "\n    {\"stage\": ");
          pilote_json_append_string (json, stage->name);
          g_string_append_printf (json, ", \"entered\": %" G_GINT64_FORMAT
                                  ", \"advanced\": %" G_GINT64_FORMAT ", ",
                                  stage->entered, stage->advanced);
          append_json_value (json, "conversion",
                             format_value (stage, G_STRUCT_OFFSET (PiloteFunnelStage, conversion),
                                           KIND_RATE, currency));
          g_string_append (json, ", ");
          append_json_value (json, "median_days",
                             format_value (stage, G_STRUCT_OFFSET (PiloteFunnelStage, median_days),
                                           KIND_DAYS, currency));
          g_string_append (json, "}");
        }
      g_string_append (json, "\n  ]");
    }

  for (guint list = 0; list < 2; list++)
    {
      GPtrArray *rows = list == 0 ? details->lost_reasons : details->competitors;

      if (rows == NULL)
        continue;
      g_string_append_printf (json, ",\n  \"%s\": [",
                              list == 0 ? "lost_reasons" : "lost_to_competitors");
      for (guint i = 0; i < rows->len; i++)
        {
          const PiloteLostRow *row = g_ptr_array_index (rows, i);

          g_string_append (json, i > 0 ? ",\n    {\"key\": " : "\n    {\"key\": ");
          pilote_json_append_string (json, row->key);
          g_string_append_printf (json, ", \"deals\": %" G_GINT64_FORMAT ", ", row->deals);
          append_json_value (json, "amount", pilote_money_to_major_string (row->amount, currency));
          g_string_append (json, "}");
        }
      g_string_append (json, "\n  ]");
    }

  if (details->churn != NULL)
    {
      g_string_append (json, ",\n  \"churned_clients\": [");
      for (guint i = 0; i < details->churn->len; i++)
        {
          const PiloteChurnedClient *client = g_ptr_array_index (details->churn, i);

          g_string_append (json, i > 0 ? ",\n    {\"client\": " : "\n    {\"client\": ");
          pilote_json_append_string (json, client->name);
          g_string_append (json, ", \"last_won_on\": ");
          pilote_json_append_string (json, client->last_won_on);
          g_string_append (json, ", ");
          append_json_value (json, "revenue_at_stake",
                             pilote_money_to_major_string (client->revenue_at_stake, currency));
          g_string_append (json, "}");
        }
      g_string_append (json, "\n  ]");
    }

  if (details->objectives != NULL)
    {
      g_autoptr(GEnumClass) metrics = g_type_class_ref (pilote_metric_get_type ());
      g_autoptr(GEnumClass) scopes = g_type_class_ref (pilote_scope_get_type ());

      g_string_append (json, ",\n  \"objectives\": [");
      for (guint i = 0; i < details->objectives->len; i++)
        {
          const PiloteObjectiveProgress *p = g_ptr_array_index (details->objectives, i);
          const PiloteObjective *o = p->objective;
          gboolean money = o->metric == PILOTE_METRIC_REVENUE ||
                           o->metric == PILOTE_METRIC_GROSS_MARGIN;
          char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];

          pilote_period_from_iso (&p->period, from);
          pilote_period_to_iso (&p->period, to);
          g_string_append (json, i > 0 ? ",\n    {\"metric\": " : "\n    {\"metric\": ");
          pilote_json_append_string (json, g_enum_get_value (metrics, o->metric)->value_nick);
          g_string_append (json, ", \"scope\": ");
          pilote_json_append_string (json, g_enum_get_value (scopes, o->scope)->value_nick);
          g_string_append_printf (json, ", \"scope_id\": %" G_GINT64_FORMAT
                                  ", \"from\": \"%s\", \"to\": \"%s\", ",
                                  o->scope_id, from, to);
          if (o->metric == PILOTE_METRIC_QUALITATIVE)
            {
              g_string_append (json, "\"description\": ");
              pilote_json_append_string (json, o->description);
              g_string_append_printf (json, ", \"progress\": %" G_GINT64_FORMAT, o->progress);
            }
          else
            {
              append_json_value (json, "target",
                                 money ? pilote_money_to_major_string (o->target, currency)
                                       : g_strdup_printf ("%" G_GINT64_FORMAT, o->target));
              g_string_append (json, ", ");
              append_json_value (json, "actual",
                                 money ? pilote_money_to_major_string (p->actual, currency)
                                       : g_strdup_printf ("%" G_GINT64_FORMAT, p->actual));
              g_string_append (json, ", ");
              append_json_value (json, "attainment",
                                 format_value (p, G_STRUCT_OFFSET (PiloteObjectiveProgress,
                                                                   attainment),
                                               KIND_RATE, currency));
              g_string_append (json, ", ");
              append_json_value (json, "pacing",
                                 format_value (p, G_STRUCT_OFFSET (PiloteObjectiveProgress,
                                                                   pacing),
                                               KIND_RATE, currency));
            }
          g_string_append (json, ", \"status\": ");
          pilote_json_append_string (json,
                                     p->status == PILOTE_PACING_ON_TRACK ? "on-track"
                                     : p->status == PILOTE_PACING_AT_RISK ? "at-risk"
                                     : p->status == PILOTE_PACING_BEHIND ? "behind" : "none");
          g_string_append (json, "}");
        }
      g_string_append (json, "\n  ]");
    }
}

/**
 * pilote_cli_kpi_to_json:
 * @details: (nullable): analyses to add
 *
 * Returns: the report as one JSON object, ending with a newline
 */
char *
pilote_cli_kpi_to_json (const PiloteKpiReport  *report,
                        const PiloteCliDetails *details,
                        gboolean                compare)
{
  GString *json = g_string_new ("{\n  ");
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];

  pilote_period_from_iso (&report->period, from);
  pilote_period_to_iso (&report->period, to);
  g_string_append_printf (json, "\"from\": \"%s\",\n  \"to\": \"%s\",\n  \"currency\": ", from,
                          to);
  pilote_json_append_string (json, report->currency);
  g_string_append (json, ",\n  \"dimension\": ");
  pilote_json_append_string (json, report->dimension != PILOTE_DIMENSION_NONE
                                     ? pilote_dimension_get_name (report->dimension) : NULL);
  g_string_append (json, ",\n  ");
  append_object (json, "totals", &report->totals, report->currency);

  g_string_append (json, ",\n  \"summary\": {");
  for (guint i = 0; i < G_N_ELEMENTS (summary_fields); i++)
    {
      if (i > 0)
        g_string_append (json, ", ");
      append_json_value (json, summary_fields[i].name,
                         format_value (&report->summary, summary_fields[i].offset,
                                       summary_fields[i].kind, report->currency));
    }
  g_string_append (json, "}");

  if (compare)
    {
      g_string_append (json, ",\n  ");
      append_object (json, "previous", &report->previous, report->currency);
      g_string_append (json, ",\n  ");
      append_object (json, "year_before", &report->year_before, report->currency);
    }

  g_string_append (json, ",\n  \"rows\": [");
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);

      g_string_append (json, i > 0 ? ",\n    {\"key\": " : "\n    {\"key\": ");
      pilote_json_append_string (json, row->key);
      g_string_append (json, ", ");
      append_figures (json, &row->figures, report->currency);
      g_string_append (json, "}");
    }
  g_string_append (json, report->rows->len > 0 ? "\n  ]" : "]");

  if (details != NULL)
    append_details (json, details, report->currency);
  g_string_append (json, "\n}\n");
  return g_string_free (json, FALSE);
}
