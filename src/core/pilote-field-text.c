/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "pilote-agenda.h"
#include "pilote-client-list.h"
#include "pilote-enums.h"
#include "pilote-field-text.h"
#include "pilote-money.h"
#include "pilote-period.h"
#include "pilote-record-private.h"

/* A field's value as the history and the conflicts hold it (as stored:
 * amounts in cents, links as ids, enumerations by nick) turned into what
 * a person reads: a formatted amount, the linked record's name, the
 * translated label of a choice. */

/**
 * pilote_field_text_enum_label:
 * @enum_type: the type of a choice field (a deal's status, an activity's
 *   kind, an action's status…)
 * @value: one of its values
 *
 * Returns: (nullable): the value as the user reads it, translated ("Won",
 *   "Meeting", "In progress"); %NULL for a type or value not known here
 */
const char *
pilote_field_text_enum_label (GType enum_type,
                              int   value)
{
  if (enum_type == PILOTE_TYPE_CLIENT_KIND)
    return value >= 0 && value <= PILOTE_CLIENT_KIND_FORMER
           ? pilote_client_kind_get_label (value) : NULL;
  if (enum_type == PILOTE_TYPE_ACTIVITY_KIND)
    return value >= 0 && value <= PILOTE_ACTIVITY_TASK
           ? pilote_activity_kind_get_label (value) : NULL;
  if (enum_type == PILOTE_TYPE_STAGE_KIND)
    switch (value)
      {
      case PILOTE_STAGE_KIND_OPEN: return C_("deal status", "Open");
      case PILOTE_STAGE_KIND_WON: return C_("deal status", "Won");
      case PILOTE_STAGE_KIND_LOST: return C_("deal status", "Lost");
      default: return NULL;
      }
  if (enum_type == PILOTE_TYPE_FORECAST_CATEGORY)
    switch (value)
      {
      case PILOTE_FORECAST_PIPELINE: return C_("forecast category", "Pipeline");
      case PILOTE_FORECAST_BEST_CASE: return C_("forecast category", "Best case");
      case PILOTE_FORECAST_COMMIT: return C_("forecast category", "Commit");
      default: return NULL;
      }
  if (enum_type == PILOTE_TYPE_PROGRESS_STATUS)
    switch (value)
      {
      case PILOTE_PROGRESS_NOT_STARTED: return C_("action status", "To do");
      case PILOTE_PROGRESS_IN_PROGRESS: return C_("action status", "In progress");
      case PILOTE_PROGRESS_DONE: return C_("action status", "Done");
      case PILOTE_PROGRESS_CANCELLED: return C_("action status", "Cancelled");
      default: return NULL;
      }
  if (enum_type == PILOTE_TYPE_METRIC)
    switch (value)
      {
      case PILOTE_METRIC_REVENUE: return _("Revenue");
      case PILOTE_METRIC_GROSS_MARGIN: return _("Gross margin");
      case PILOTE_METRIC_DEALS_WON: return _("Deals won");
      case PILOTE_METRIC_NEW_CLIENTS: return _("New clients");
      case PILOTE_METRIC_MEETINGS: return _("Meetings held");
      case PILOTE_METRIC_CALLS: return _("Calls made");
      case PILOTE_METRIC_WIN_RATE: return _("Win rate");
      case PILOTE_METRIC_QUALITATIVE: return C_("metric", "Qualitative");
      default: return NULL;
      }
  if (enum_type == PILOTE_TYPE_SPEND_KIND)
    switch (value)
      {
      case PILOTE_SPEND_MARKETING: return C_("spend kind", "Marketing");
      case PILOTE_SPEND_SALES: return C_("spend kind", "Sales");
      default: return NULL;
      }
  if (enum_type == PILOTE_TYPE_QUADRANT)
    switch (value)
      {
      case PILOTE_QUADRANT_STRENGTH: return C_("quadrant", "Strength");
      case PILOTE_QUADRANT_WEAKNESS: return C_("quadrant", "Weakness");
      case PILOTE_QUADRANT_OPPORTUNITY: return C_("quadrant", "Opportunity");
      case PILOTE_QUADRANT_THREAT: return C_("quadrant", "Threat");
      default: return NULL;
      }
  if (enum_type == PILOTE_TYPE_SCOPE)
    switch (value)
      {
      case PILOTE_SCOPE_COMPANY: return C_("scope", "Company");
      case PILOTE_SCOPE_TEAM: return C_("scope", "Team");
      case PILOTE_SCOPE_MEMBER: return C_("scope", "Sales rep");
      default: return NULL;
      }
  if (enum_type == PILOTE_TYPE_PERIOD_KIND)
    switch (value)
      {
      case PILOTE_PERIOD_WEEK: return C_("period kind", "Week");
      case PILOTE_PERIOD_MONTH: return C_("period kind", "Month");
      case PILOTE_PERIOD_QUARTER: return C_("period kind", "Quarter");
      case PILOTE_PERIOD_YEAR: return C_("period kind", "Year");
      case PILOTE_PERIOD_CUSTOM: return C_("period kind", "Custom");
      default: return NULL;
      }
  if (enum_type == PILOTE_TYPE_ROLE)
    switch (value)
      {
      case PILOTE_ROLE_REP: return C_("role", "Sales rep");
      case PILOTE_ROLE_MANAGER: return C_("role", "Manager");
      case PILOTE_ROLE_DIRECTOR: return C_("role", "Director");
      case PILOTE_ROLE_MARKETING: return C_("role", "Marketing");
      default: return NULL;
      }
  if (enum_type == PILOTE_TYPE_NOTE_KIND)
    switch (value)
      {
      case PILOTE_NOTE_COMMENT: return C_("note kind", "Comment");
      case PILOTE_NOTE_STRATEGY: return C_("note kind", "Strategy");
      default: return NULL;
      }
  return NULL;
}

static char *
linked_name (PiloteStore  *store,
             PiloteEntity  entity,
             gint64        id)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  gpointer record = pilote_store_get (store, entity, id, NULL);
  char *name = NULL;

  if (record == NULL)
    return NULL;
  for (guint pass = 0; pass < 2 && name == NULL; pass++)
    for (guint i = 0; i < info->n_fields && name == NULL; i++)
      {
        const PiloteField *field = &info->fields[i];

        if (field->type != PILOTE_FIELD_TEXT)
          continue;
        if (pass == 0 && !(field->flags & PILOTE_FIELD_NAME))
          continue;
        name = g_strdup (*(char **) PILOTE_FIELD_PTR (record, field));
      }
  pilote_record_free (record);
  return name;
}

/* an objective's status reads as in its editor */
static const char *
objective_status_label (int value)
{
  switch (value)
    {
    case PILOTE_PROGRESS_NOT_STARTED: return C_("objective status", "Not started");
    case PILOTE_PROGRESS_IN_PROGRESS: return C_("objective status", "In progress");
    case PILOTE_PROGRESS_DONE: return C_("objective status", "Done");
    case PILOTE_PROGRESS_CANCELLED: return C_("objective status", "Cancelled");
    default: return NULL;
    }
}

/**
 * pilote_field_text_display:
 * @value: (nullable): the value as stored, %NULL when empty
 *
 * Returns: (transfer full): the value to show, "—" when empty
 */
char *
pilote_field_text_display (PiloteStore  *store,
                           PiloteEntity  entity,
                           const char   *field_name,
                           const char   *value)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  const PiloteField *field = pilote_entity_find_field (info, field_name);
  gint64 number;
  char *name;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("—");
  if (field == NULL)
    return g_strdup (value);

  switch (field->type)
    {
    case PILOTE_FIELD_MONEY:
      number = g_ascii_strtoll (value, NULL, 10);
      return pilote_money_format (number, pilote_store_get_currency (store),
                                  PILOTE_MONEY_FORMAT_DEFAULT);
    case PILOTE_FIELD_LINK:
      number = g_ascii_strtoll (value, NULL, 10);
      name = number > 0 ? linked_name (store, field->link, number) : NULL;
      if (name != NULL)
        return name;
      /* Translators: a linked record that no longer exists, by its number */
      return g_strdup_printf (_("#%s (deleted)"), value);
    case PILOTE_FIELD_BOOL:
      return g_strdup (g_strcmp0 (value, "0") == 0 ? C_("value", "No") : C_("value", "Yes"));
    case PILOTE_FIELD_REAL:
      if (field->flags & PILOTE_FIELD_FRACTION)
        {
          double real = g_ascii_strtod (value, NULL);

          if (!isnan (real))
            return g_strdup_printf ("%.0f %%", real * 100.0);
        }
      return g_strdup (value);
    case PILOTE_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
        GEnumValue *found = g_enum_get_value_by_nick (klass, value);
        const char *label = NULL;
        char *text;

        if (found != NULL)
          label = entity == PILOTE_ENTITY_OBJECTIVE && g_str_equal (field->name, "status")
                  ? objective_status_label (found->value)
                  : pilote_field_text_enum_label (field->enum_type (), found->value);
        if (label != NULL)
          return g_strdup (label);
        text = g_strdup (found != NULL ? found->value_nick : value);
        g_strdelimit (text, "-_", ' ');
        if (*text != '\0')
          *text = g_ascii_toupper (*text);
        return text;
      }
    case PILOTE_FIELD_DATE:
      {
        g_autoptr(GDateTime) noon = NULL;
        GDate date;

        if (!pilote_date_parse_iso (value, &date))
          return g_strdup (value);
        noon = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                      g_date_get_day (&date), 12, 0, 0);
        /* Translators: a date, see the strftime manual ("15 Nov 2026") */
        return g_date_time_format (noon, C_("date format", "%-d %b %Y"));
      }
    case PILOTE_FIELD_TIMESTAMP:
      {
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
        g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (value, utc);
        g_autoptr(GDateTime) local = NULL;

        if (when == NULL)
          return g_strdup (value);
        local = g_date_time_to_local (when);
        /* Translators: a date and a time of day, see the strftime manual
         * ("15 Nov 2026, 14:30") */
        return g_date_time_format (local, C_("date and time format", "%-d %b %Y, %H:%M"));
      }
    case PILOTE_FIELD_TEXT:
    case PILOTE_FIELD_INT:
    case PILOTE_FIELD_ID:
    default:
      return g_strdup (value);
    }
}
