/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-kpi-private.h"

/* The pieces of SQL the KPI queries are assembled from. Expressions and
 * joins come from the tables below, never from the caller; the values of
 * filters are bound. */

static const struct {
  const char *name;
  const char *label;
} dimensions[PILOTE_N_DIMENSIONS] = {
  [PILOTE_DIMENSION_NONE] = { "none", N_("None") },
  [PILOTE_DIMENSION_MONTH] = { "month", N_("Month") },
  [PILOTE_DIMENSION_QUARTER] = { "quarter", N_("Quarter") },
  [PILOTE_DIMENSION_YEAR] = { "year", N_("Year") },
  [PILOTE_DIMENSION_TEAM] = { "team", N_("Team") },
  [PILOTE_DIMENSION_OFFICE] = { "office", N_("Office") },
  [PILOTE_DIMENSION_MEMBER] = { "member", N_("Sales rep") },
  [PILOTE_DIMENSION_SEGMENT] = { "segment", N_("Segment") },
  [PILOTE_DIMENSION_SECTOR] = { "sector", N_("Sector") },
  [PILOTE_DIMENSION_REGION] = { "region", N_("Region") },
  [PILOTE_DIMENSION_COUNTRY] = { "country", N_("Country") },
  [PILOTE_DIMENSION_PRODUCT] = { "product", N_("Product") },
  [PILOTE_DIMENSION_CATEGORY] = { "category", N_("Product category") },
  [PILOTE_DIMENSION_CHANNEL] = { "channel", N_("Channel") },
  [PILOTE_DIMENSION_CLIENT] = { "client", N_("Client") },
};

const char *
pilote_dimension_get_name (PiloteDimension dimension)
{
  g_return_val_if_fail (dimension < PILOTE_N_DIMENSIONS, NULL);
  return dimensions[dimension].name;
}

const char *
pilote_dimension_get_label (PiloteDimension dimension)
{
  g_return_val_if_fail (dimension < PILOTE_N_DIMENSIONS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, dimensions[dimension].label);
}

gboolean
pilote_dimension_from_name (const char      *name,
                            PiloteDimension *dimension)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < PILOTE_N_DIMENSIONS; i++)
    if (g_ascii_strcasecmp (name, dimensions[i].name) == 0)
      {
        *dimension = i;
        return TRUE;
      }
  return FALSE;
}

/* Filters */

static void
clear_condition (gpointer data)
{
  PiloteKpiCondition *condition = data;

  g_free (condition->value);
}

PiloteKpiFilter *
pilote_kpi_filter_new (void)
{
  PiloteKpiFilter *filter = g_new0 (PiloteKpiFilter, 1);

  filter->conditions = g_array_new (FALSE, TRUE, sizeof (PiloteKpiCondition));
  g_array_set_clear_func (filter->conditions, clear_condition);
  return filter;
}

void
pilote_kpi_filter_free (PiloteKpiFilter *filter)
{
  if (filter == NULL)
    return;
  g_array_unref (filter->conditions);
  g_free (filter);
}

void
pilote_kpi_filter_add (PiloteKpiFilter *filter,
                       PiloteDimension  dimension,
                       const char      *value)
{
  PiloteKpiCondition condition = { dimension, g_strdup (value), 0 };

  g_return_if_fail (filter != NULL);
  g_return_if_fail (dimension > PILOTE_DIMENSION_NONE && dimension < PILOTE_N_DIMENSIONS);
  g_return_if_fail (value != NULL);

  g_array_append_val (filter->conditions, condition);
}

void
pilote_kpi_filter_add_id (PiloteKpiFilter *filter,
                          PiloteDimension  dimension,
                          gint64           id)
{
  PiloteKpiCondition condition = { dimension, NULL, id };

  g_return_if_fail (filter != NULL);
  g_return_if_fail (dimension == PILOTE_DIMENSION_TEAM || dimension == PILOTE_DIMENSION_MEMBER ||
                    dimension == PILOTE_DIMENSION_CLIENT);

  g_array_append_val (filter->conditions, condition);
}

/**
 * pilote_kpi_filter_parse:
 * @condition: "dimension=value", as typed on the command line
 */
gboolean
pilote_kpi_filter_parse (PiloteKpiFilter  *filter,
                         const char       *condition,
                         GError          **error)
{
  const char *equal;
  g_autofree char *name = NULL;
  PiloteDimension dimension;

  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (condition != NULL, FALSE);

  equal = strchr (condition, '=');
  if (equal == NULL || equal == condition || equal[1] == '\0')
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("“%s” is not a filter: write it as DIMENSION=VALUE, for example "
                     "team=North."), condition);
      return FALSE;
    }
  name = g_strndup (condition, equal - condition);
  g_strstrip (name);
  if (!pilote_dimension_from_name (name, &dimension) || dimension == PILOTE_DIMENSION_NONE)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("“%s” is not a dimension. Use one of: month, quarter, year, team, "
                     "office, member, segment, sector, region, country, product, category, "
                     "channel."), name);
      return FALSE;
    }
  pilote_kpi_filter_add (filter, dimension, equal + 1);
  return TRUE;
}

/**
 * pilote_kpi_filter_is_one:
 *
 * Whether @filter is a single condition, on the name of a @dimension's
 * value.
 */
gboolean
pilote_kpi_filter_is_one (const PiloteKpiFilter *filter,
                          PiloteDimension        dimension)
{
  const PiloteKpiCondition *condition;

  if (filter == NULL || filter->conditions->len != 1)
    return FALSE;
  condition = &g_array_index (filter->conditions, PiloteKpiCondition, 0);
  return condition->dimension == dimension && condition->value != NULL;
}

gboolean
pilote_kpi_filter_has (const PiloteKpiFilter *filter,
                       PiloteDimension        dimension)
{
  if (filter == NULL)
    return FALSE;
  for (guint i = 0; i < filter->conditions->len; i++)
    if (g_array_index (filter->conditions, PiloteKpiCondition, i).dimension == dimension)
      return TRUE;
  return FALSE;
}

/* SQL */

enum {
  JOIN_CLIENT = 1 << 0,
  JOIN_MEMBER = 1 << 1,
  JOIN_TEAM = 1 << 2,
  JOIN_SEGMENT = 1 << 3,
  JOIN_CHANNEL = 1 << 4,
  JOIN_PRODUCT = 1 << 5,
};

static gboolean
is_deal_fact (PiloteFact fact)
{
  return fact == PILOTE_FACT_CLOSED_DEAL || fact == PILOTE_FACT_OPEN_DEAL ||
         fact == PILOTE_FACT_STAGE_CHANGE;
}

static const char *
date_column (PiloteFact fact)
{
  switch (fact)
    {
    case PILOTE_FACT_CLOSED_DEAL: return "d.closed_on";
    case PILOTE_FACT_OPEN_DEAL: return "d.expected_close_on";
    case PILOTE_FACT_CLIENT: return "c.acquired_on";
    case PILOTE_FACT_SPEND: return "s.month";
    case PILOTE_FACT_ACTIVITY: return "a.done_at";
    case PILOTE_FACT_STAGE_CHANGE: return "sc.changed_at";
    default: g_assert_not_reached ();
    }
}

/* The expression a dimension has for a fact, or NULL when the fact cannot
 * be broken down by it; adds the joins it needs to @joins. */
static char *
dimension_expression (PiloteFact       fact,
                      PiloteDimension  dimension,
                      gboolean         by_id,
                      guint           *joins)
{
  gboolean deal = is_deal_fact (fact);
  gboolean client = deal || fact == PILOTE_FACT_CLIENT;
  gboolean owner = client || fact == PILOTE_FACT_ACTIVITY;
  const char *date = date_column (fact);

  switch (dimension)
    {
    case PILOTE_DIMENSION_MONTH:
      return g_strdup_printf ("substr (%s, 1, 7)", date);
    case PILOTE_DIMENSION_QUARTER:
      return g_strdup_printf ("(strftime ('%%Y', %s, 'start of month', ?3) || '-Q' ||"
                              " ((CAST (strftime ('%%m', %s, 'start of month', ?3) AS INTEGER)"
                              " + 2) / 3))", date, date);
    case PILOTE_DIMENSION_YEAR:
      return g_strdup_printf ("strftime ('%%Y', %s, 'start of month', ?3)", date);
    case PILOTE_DIMENSION_TEAM:
      if (!owner)
        return NULL;
      *joins |= JOIN_MEMBER | JOIN_TEAM;
      return g_strdup (by_id ? "t.id" : "t.name");
    case PILOTE_DIMENSION_OFFICE:
      if (!owner)
        return NULL;
      *joins |= JOIN_MEMBER;
      return g_strdup ("m.office");
    case PILOTE_DIMENSION_MEMBER:
      if (!owner)
        return NULL;
      *joins |= JOIN_MEMBER;
      return g_strdup (by_id ? "m.id" : "m.name");
    case PILOTE_DIMENSION_SEGMENT:
      if (!client)
        return NULL;
      *joins |= JOIN_CLIENT | JOIN_SEGMENT;
      return g_strdup ("seg.name");
    case PILOTE_DIMENSION_SECTOR:
    case PILOTE_DIMENSION_REGION:
    case PILOTE_DIMENSION_COUNTRY:
      if (!client)
        return NULL;
      *joins |= JOIN_CLIENT;
      return g_strdup (dimension == PILOTE_DIMENSION_SECTOR ? "c.sector"
                       : dimension == PILOTE_DIMENSION_REGION ? "c.region" : "c.country");
    case PILOTE_DIMENSION_PRODUCT:
    case PILOTE_DIMENSION_CATEGORY:
      if (!deal)
        return NULL;
      *joins |= JOIN_PRODUCT;
      return g_strdup (dimension == PILOTE_DIMENSION_PRODUCT ? "p.name" : "p.category");
    case PILOTE_DIMENSION_CHANNEL:
      if (fact == PILOTE_FACT_ACTIVITY)
        return NULL;
      *joins |= JOIN_CHANNEL;
      return g_strdup ("ch.name");
    case PILOTE_DIMENSION_CLIENT:
      /* by id: one client's figures, activities included */
      if (by_id)
        return g_strdup (fact == PILOTE_FACT_ACTIVITY ? "a.client_id"
                         : fact == PILOTE_FACT_CLIENT ? "c.id"
                         : deal ? "d.client_id" : NULL);
      if (!client)
        return NULL;
      *joins |= JOIN_CLIENT;
      return g_strdup ("c.name");
    case PILOTE_DIMENSION_NONE:
    case PILOTE_N_DIMENSIONS:
    default:
      g_assert_not_reached ();
    }
}

/* the column of a fact's owner, NULL for spend */
static const char *
owner_column (PiloteFact fact)
{
  switch (fact)
    {
    case PILOTE_FACT_CLOSED_DEAL:
    case PILOTE_FACT_OPEN_DEAL:
      return "d.owner_id";
    case PILOTE_FACT_STAGE_CHANGE:
      /* the deal's owner, kept on each of its changes (schema version 13):
       * one owner's changes of a period are a range of an index */
      return "sc.owner_id";
    case PILOTE_FACT_CLIENT:
      return "c.owner_id";
    case PILOTE_FACT_ACTIVITY:
      return "a.owner_id";
    case PILOTE_FACT_SPEND:
      return NULL;
    default:
      g_assert_not_reached ();
    }
}

static void
append_joins (GString    *from,
              PiloteFact  fact,
              guint       joins)
{
  const char *owner = owner_column (fact);

  switch (fact)
    {
    case PILOTE_FACT_CLOSED_DEAL:
      g_string_append (from, "FROM deal d");
      break;
    case PILOTE_FACT_OPEN_DEAL:
      g_string_append (from, "FROM deal d JOIN stage st ON st.id = d.stage_id");
      break;
    case PILOTE_FACT_STAGE_CHANGE:
      g_string_append (from, "FROM stage_change sc JOIN deal d ON d.id = sc.deal_id");
      break;
    case PILOTE_FACT_CLIENT:
      g_string_append (from, "FROM client c");
      break;
    case PILOTE_FACT_SPEND:
      g_string_append (from, "FROM spend s");
      break;
    case PILOTE_FACT_ACTIVITY:
      g_string_append (from, "FROM activity a");
      break;
    default:
      g_assert_not_reached ();
    }

  if ((joins & JOIN_CLIENT) && is_deal_fact (fact))
    g_string_append (from, " LEFT JOIN client c ON c.id = d.client_id");
  if ((joins & JOIN_MEMBER) && owner != NULL)
    g_string_append_printf (from, " LEFT JOIN member m ON m.id = %s", owner);
  if (joins & JOIN_TEAM)
    g_string_append (from, " LEFT JOIN team t ON t.id = m.team_id");
  /* clients: by segment, or of one, read from the index their other
   * conditions choose rather than from every client of a segment */
  if (joins & JOIN_SEGMENT)
    g_string_append (from, fact == PILOTE_FACT_CLIENT
                             ? " LEFT JOIN segment seg ON seg.id = +c.segment_id"
                             : " LEFT JOIN segment seg ON seg.id = c.segment_id");
  /* a deal's channel, else its client's: the client looked up only for a
   * deal without one, when the query does not join it anyway */
  if ((joins & JOIN_CHANNEL) && is_deal_fact (fact))
    g_string_append (from,
                     (joins & JOIN_CLIENT)
                       ? " LEFT JOIN channel ch ON ch.id = coalesce (d.channel_id, c.channel_id)"
                       : " LEFT JOIN channel ch ON ch.id = coalesce (d.channel_id,"
                         " (SELECT dc.channel_id FROM client dc WHERE dc.id = d.client_id))");
  else if (joins & JOIN_CHANNEL)
    g_string_append (from,
                     fact == PILOTE_FACT_SPEND ? " LEFT JOIN channel ch ON ch.id = s.channel_id"
                     : " LEFT JOIN channel ch ON ch.id = c.channel_id");
  if (joins & JOIN_PRODUCT)
    g_string_append (from,
                     " LEFT JOIN deal_line l ON l.deal_id = d.id AND l.deleted_at IS NULL"
                     " LEFT JOIN product p ON p.id = l.product_id");
}

/* The ids of the clients that meet @condition (on the name of a client's
 * segment, sector, region or country), its value bound to ?@param: the
 * expression names columns of the schema */
static char *
clients_sql (const PiloteKpiCondition *condition,
             guint                     param)
{
  guint joins = 0;
  g_autofree char *expr = dimension_expression (PILOTE_FACT_CLIENT, condition->dimension, FALSE,
                                                &joins);

  g_return_val_if_fail (expr != NULL && condition->value != NULL, NULL);
  return g_strdup_printf ("SELECT c.id FROM client c%s WHERE %s = ?%u COLLATE NOCASE",
                          (joins & JOIN_SEGMENT)
                            ? " LEFT JOIN segment seg ON seg.id = c.segment_id" : "",
                          expr, param);
}

/**
 * pilote_kpi_filter_by_owner:
 *
 * Whether @filter keeps the records of some owners only (a team, an
 * office, a member): their rows are then best found from the owner, by an
 * index that starts with it, rather than by a scan of another index.
 */
gboolean
pilote_kpi_filter_by_owner (const PiloteKpiFilter *filter)
{
  return pilote_kpi_filter_has (filter, PILOTE_DIMENSION_TEAM) ||
         pilote_kpi_filter_has (filter, PILOTE_DIMENSION_OFFICE) ||
         pilote_kpi_filter_has (filter, PILOTE_DIMENSION_MEMBER);
}

/**
 * pilote_kpi_filter_by_client_id:
 *
 * Whether @filter keeps the records of one client, given by id (its
 * figures): they are then found from an index that starts with the client.
 */
gboolean
pilote_kpi_filter_by_client_id (const PiloteKpiFilter *filter)
{
  for (guint i = 0; filter != NULL && i < filter->conditions->len; i++)
    {
      const PiloteKpiCondition *condition =
        &g_array_index (filter->conditions, PiloteKpiCondition, i);

      if (condition->dimension == PILOTE_DIMENSION_CLIENT && condition->value == NULL)
        return TRUE;
    }
  return FALSE;
}

/* how many conditions of @filter are on a deal's lines (a product, a
 * category): together, they meet one line */
static guint
count_line_conditions (const PiloteKpiFilter *filter)
{
  guint n = 0;

  for (guint i = 0; filter != NULL && i < filter->conditions->len; i++)
    {
      PiloteDimension dimension = g_array_index (filter->conditions, PiloteKpiCondition,
                                                 i).dimension;

      if (dimension == PILOTE_DIMENSION_PRODUCT || dimension == PILOTE_DIMENSION_CATEGORY)
        n++;
    }
  return n;
}

/* whether every condition of @filter is on an owner (a team, an office, a
 * member), or on a segment's name when @segment, or on the name of a
 * client's sector, region or country, of a channel or of a category (the
 * only condition on the lines) when @change */
static gboolean
filter_by_keys (const PiloteKpiFilter *filter,
                gboolean               segment,
                gboolean               change)
{
  for (guint i = 0; filter != NULL && i < filter->conditions->len; i++)
    {
      const PiloteKpiCondition *condition =
        &g_array_index (filter->conditions, PiloteKpiCondition, i);

      if (condition->dimension != PILOTE_DIMENSION_TEAM &&
          condition->dimension != PILOTE_DIMENSION_OFFICE &&
          condition->dimension != PILOTE_DIMENSION_MEMBER &&
          !(segment && condition->dimension == PILOTE_DIMENSION_SEGMENT &&
            condition->value != NULL) &&
          !(change && condition->value != NULL &&
            (condition->dimension == PILOTE_DIMENSION_SECTOR ||
             condition->dimension == PILOTE_DIMENSION_REGION ||
             condition->dimension == PILOTE_DIMENSION_COUNTRY ||
             condition->dimension == PILOTE_DIMENSION_CHANNEL ||
             (condition->dimension == PILOTE_DIMENSION_CATEGORY &&
              count_line_conditions (filter) == 1))))
        return FALSE;
    }
  return TRUE;
}

/**
 * pilote_kpi_filter_by_owner_only:
 *
 * Whether @filter keeps some owners' records at most (a team, an office,
 * a member), which the summaries by owner can tell apart: TRUE for no
 * filter at all.
 */
gboolean
pilote_kpi_filter_by_owner_only (const PiloteKpiFilter *filter)
{
  return filter_by_keys (filter, FALSE, FALSE);
}

/**
 * pilote_kpi_filter_by_summary_keys:
 *
 * Whether @filter keeps the deals of some owners (a team, an office, a
 * member) or of a segment at most: those the monthly summaries' rows of
 * every dimension, the pipeline's summary and the stage changes tell
 * apart (schema version 14). TRUE for no filter at all.
 */
gboolean
pilote_kpi_filter_by_summary_keys (const PiloteKpiFilter *filter)
{
  return filter_by_keys (filter, TRUE, FALSE);
}

/**
 * pilote_kpi_filter_by_change_keys:
 *
 * Whether @filter keeps the deals of some owners, of a segment, of the
 * clients of a sector, a region or a country, of a channel or of a
 * product category at most: those the stage changes tell apart without
 * their deals, as they carry their deal's owner, its client's segment
 * (schema version 14), its client and its channel (schema version 16) and
 * its categories (schema version 17). TRUE for no filter at all.
 */
gboolean
pilote_kpi_filter_by_change_keys (const PiloteKpiFilter *filter)
{
  return filter_by_keys (filter, TRUE, TRUE);
}

/**
 * pilote_kpi_sql_key_condition:
 * @owner: the column of the rows' owner
 * @segment: the column of the rows' client's segment
 *
 * Appends the condition @i of @filter, on an owner (a team, an office, a
 * member) or a segment's name, as a condition on those columns: the ids
 * of those members or of that segment, gathered once. Its value is bound
 * as pilote_kpi_prepare () binds it.
 */
void
pilote_kpi_sql_key_condition (GString               *where,
                              const PiloteKpiFilter *filter,
                              guint                  i,
                              const char            *owner,
                              const char            *segment)
{
  const PiloteKpiCondition *condition = &g_array_index (filter->conditions, PiloteKpiCondition, i);
  guint param = PILOTE_KPI_FIRST_FILTER_PARAM + i;
  guint joins = 0;
  g_autofree char *expr = NULL;

  if (condition->dimension == PILOTE_DIMENSION_SEGMENT)
    {
      g_return_if_fail (condition->value != NULL);
      g_string_append_printf (where, " AND %s IN (SELECT seg.id FROM segment seg"
                                     " WHERE seg.name = ?%u COLLATE NOCASE)", segment, param);
      return;
    }
  g_return_if_fail (condition->dimension == PILOTE_DIMENSION_TEAM ||
                    condition->dimension == PILOTE_DIMENSION_OFFICE ||
                    condition->dimension == PILOTE_DIMENSION_MEMBER);
  expr = dimension_expression (PILOTE_FACT_CLIENT, condition->dimension, condition->value == NULL,
                               &joins);
  g_string_append_printf (where, " AND %s IN (SELECT m.id FROM member m%s WHERE %s = ?%u%s)",
                          owner, (joins & JOIN_TEAM) ? " LEFT JOIN team t ON t.id = m.team_id" : "",
                          expr, param, condition->value != NULL ? " COLLATE NOCASE" : "");
}

/**
 * pilote_kpi_sql_use_index:
 * @index: an index of deals the query's conditions allow
 *
 * Makes the query read its deals from @index, where SQLite's planner,
 * without statistics, would choose another.
 */
void
pilote_kpi_sql_use_index (PiloteKpiSql *sql,
                          const char   *index)
{
  g_autofree char *indexed = g_strdup_printf ("FROM deal d INDEXED BY %s", index);

  /* a category's deals have indexes of their own, which the planner
   * chooses by the category */
  if (!sql->of_category)
    g_string_replace (sql->from, "FROM deal d", indexed, 1);
}

/**
 * pilote_kpi_sql_use_category_index:
 * @index: an index of deal_category the query's conditions allow
 *
 * Makes a query on one category's deals read them from @index; nothing
 * for other queries.
 */
void
pilote_kpi_sql_use_category_index (PiloteKpiSql *sql,
                                   const char   *index)
{
  g_autofree char *indexed = g_strdup_printf ("FROM deal_category d INDEXED BY %s", index);

  if (sql->of_category)
    g_string_replace (sql->from, "FROM deal_category d", indexed, 1);
}

/* Whether the deals of @fact, for @filter and a breakdown @by, are those
 * of one category read from deal_category: their columns are the deal's,
 * and the breakdown needs no other (a date's, or none) */
static gboolean
of_one_category (PiloteFact             fact,
                 const PiloteKpiFilter *filter,
                 PiloteDimension        by)
{
  return (fact == PILOTE_FACT_CLOSED_DEAL || fact == PILOTE_FACT_OPEN_DEAL) &&
         pilote_kpi_filter_is_one (filter, PILOTE_DIMENSION_CATEGORY) &&
         (by == PILOTE_DIMENSION_NONE || by == PILOTE_DIMENSION_MONTH ||
          by == PILOTE_DIMENSION_QUARTER || by == PILOTE_DIMENSION_YEAR);
}

/**
 * pilote_kpi_sql_init:
 *
 * Builds the FROM clause, the filter conditions and the breakdown key of a
 * query on @fact. Filter values are bound from
 * %PILOTE_KPI_FIRST_FILTER_PARAM on, in the filter's order.
 */
void
pilote_kpi_sql_init (PiloteKpiSql          *sql,
                     PiloteFact             fact,
                     const PiloteKpiFilter *filter,
                     PiloteDimension        by)
{
  guint joins = 0;
  guint line_conditions = count_line_conditions (filter);

  memset (sql, 0, sizeof *sql);
  sql->from = g_string_new (NULL);
  sql->where = g_string_new (NULL);
  sql->applicable = TRUE;

  /* one category: its deals, each with the amount and cost of its lines
   * of the category, from deal_category rather than every deal of the
   * period joined to its lines (schema version 17) */
  if (of_one_category (fact, filter, by))
    {
      sql->of_category = TRUE;
      if (by != PILOTE_DIMENSION_NONE)
        sql->key = dimension_expression (fact, by, FALSE, &joins);
      g_string_append (sql->from, "FROM deal_category d");
      if (fact == PILOTE_FACT_OPEN_DEAL)
        g_string_append (sql->from, " JOIN stage st ON st.id = d.stage_id");
      g_string_append_printf (sql->where, " AND d.category = ?%u",
                              PILOTE_KPI_FIRST_FILTER_PARAM);
      sql->amount = "d.amount";
      sql->cost = "d.cost";
      sql->per_deal = "";
      return;
    }

  if (by != PILOTE_DIMENSION_NONE)
    {
      sql->key = dimension_expression (fact, by, FALSE, &joins);
      if (sql->key == NULL)
        sql->applicable = FALSE;
    }

  for (guint i = 0; filter != NULL && i < filter->conditions->len; i++)
    {
      const PiloteKpiCondition *condition =
        &g_array_index (filter->conditions, PiloteKpiCondition, i);
      gboolean of_segment = (fact == PILOTE_FACT_CLIENT || fact == PILOTE_FACT_STAGE_CHANGE) &&
                            condition->value != NULL && !(joins & JOIN_SEGMENT) &&
                            condition->dimension == PILOTE_DIMENSION_SEGMENT;
      gboolean of_client = is_deal_fact (fact) && !of_segment && condition->value != NULL &&
                           !(joins & JOIN_CLIENT) &&
                           (condition->dimension == PILOTE_DIMENSION_SEGMENT ||
                            condition->dimension == PILOTE_DIMENSION_SECTOR ||
                            condition->dimension == PILOTE_DIMENSION_REGION ||
                            condition->dimension == PILOTE_DIMENSION_COUNTRY);
      /* a stage change carries its deal's channel (schema version 16) */
      gboolean of_channel = fact == PILOTE_FACT_STAGE_CHANGE && condition->value != NULL &&
                            !(joins & JOIN_CHANNEL) &&
                            condition->dimension == PILOTE_DIMENSION_CHANNEL;
      /* and its deal's categories (schema version 17), when no other
       * condition or breakdown is on its lines: those all meet one line */
      gboolean of_category = fact == PILOTE_FACT_STAGE_CHANGE && condition->value != NULL &&
                             condition->dimension == PILOTE_DIMENSION_CATEGORY &&
                             line_conditions == 1 && !(joins & JOIN_PRODUCT);
      gboolean of_owner = owner_column (fact) != NULL && !(joins & JOIN_MEMBER) &&
                          (condition->dimension == PILOTE_DIMENSION_TEAM ||
                           condition->dimension == PILOTE_DIMENSION_OFFICE ||
                           condition->dimension == PILOTE_DIMENSION_MEMBER);
      guint own_joins = 0;
      g_autofree char *expr = dimension_expression (fact, condition->dimension,
                                                    condition->value == NULL,
                                                    of_client || of_segment || of_owner ||
                                                    of_channel || of_category
                                                      ? &own_joins : &joins);

      if (expr == NULL)
        {
          sql->applicable = FALSE;
          continue;
        }
      /* a deal's client of a segment, a sector, a region or a country: the
       * ids of those clients, gathered once, rather than each deal's client
       * read from its table (unless the breakdown reads it anyway) */
      /* the open deals and the stage changes of a period, each checked:
       * against the ids in memory (pilote_kpi_prepare () binds them) */
      if (of_client && (fact == PILOTE_FACT_STAGE_CHANGE || fact == PILOTE_FACT_OPEN_DEAL))
        g_string_append_printf (sql->where, " AND pilote_id_in (%s, :clients%u)",
                                fact == PILOTE_FACT_STAGE_CHANGE ? "sc.client_id" : "d.client_id",
                                i);
      else if (of_client)
        {
          g_autofree char *clients = clients_sql (condition, PILOTE_KPI_FIRST_FILTER_PARAM + i);

          /* a stage change carries its deal's client (schema version 16) */
          g_string_append_printf (sql->where, " AND %s IN (%s)",
                                  fact == PILOTE_FACT_STAGE_CHANGE ? "sc.client_id"
                                                                   : "d.client_id",
                                  clients);
        }
      /* a segment: its id, gathered once. Clients are read from the index
       * their other conditions (a period) choose, rather than every client
       * of the segment looked up in its table; stage changes, which carry
       * their deal's client's segment (schema version 14), from the index
       * that starts with it. A team, an office, a member: the ids of their
       * members, gathered once, so that the rows are read from an index
       * that starts with their owner rather than each row's owner read
       * from its table (unless the breakdown reads the members anyway) */
      else if (of_channel)
        g_string_append_printf (sql->where,
                                " AND sc.channel_id IN (SELECT ch.id FROM channel ch"
                                " WHERE ch.name = ?%u COLLATE NOCASE)",
                                PILOTE_KPI_FIRST_FILTER_PARAM + i);
      else if (of_category)
        g_string_append_printf (sql->where,
                                " AND instr (sc.categories, char (31) || lower (?%u) || char (31))",
                                PILOTE_KPI_FIRST_FILTER_PARAM + i);
      else if (of_segment || of_owner)
        pilote_kpi_sql_key_condition (sql->where, filter, i, owner_column (fact),
                                      fact == PILOTE_FACT_CLIENT ? "+c.segment_id"
                                                                 : "sc.segment_id");
      else if (condition->value != NULL && condition->dimension >= PILOTE_DIMENSION_TEAM)
        g_string_append_printf (sql->where, " AND %s = ?%u COLLATE NOCASE", expr,
                                PILOTE_KPI_FIRST_FILTER_PARAM + i);
      else
        g_string_append_printf (sql->where, " AND %s = ?%u", expr,
                                PILOTE_KPI_FIRST_FILTER_PARAM + i);
    }

  sql->per_line = (joins & JOIN_PRODUCT) != 0;
  sql->amount = sql->per_line ? "coalesce (sum (l.amount), d.amount)" : "d.amount";
  sql->cost = sql->per_line ? "coalesce (sum (l.cost), d.cost)" : "d.cost";
  sql->per_deal = sql->per_line ? " GROUP BY d.id" : "";
  append_joins (sql->from, fact, joins);
}

void
pilote_kpi_sql_clear (PiloteKpiSql *sql)
{
  if (sql->from != NULL)
    g_string_free (sql->from, TRUE);
  if (sql->where != NULL)
    g_string_free (sql->where, TRUE);
  g_free (sql->key);
  memset (sql, 0, sizeof *sql);
}

/**
 * pilote_kpi_prepare:
 * @from_iso: (nullable): bound to ?1
 * @to_iso: (nullable): bound to ?2
 *
 * Prepares a KPI query and binds the parameters every KPI query shares.
 */
/* binds to @index of @stmt the ids of the clients that meet the condition
 * @i of @filter (on a client's segment, sector, region or country) */
static gboolean
bind_client_ids (PiloteStore            *store,
                 PiloteStmt             *stmt,
                 int                     index,
                 const PiloteKpiFilter  *filter,
                 guint                   i,
                 GError                **error)
{
  const PiloteKpiCondition *condition = &g_array_index (filter->conditions, PiloteKpiCondition, i);
  g_autofree char *ids = clients_sql (condition, 1);
  g_autofree char *query = g_strconcat (ids, " ORDER BY c.id", NULL);
  g_autoptr(PiloteStmt) clients = NULL;
  PiloteIdSet *set;
  int rc;

  clients = pilote_store_prepare (store, query, error);
  if (clients == NULL)
    return FALSE;
  sqlite3_bind_text (clients, 1, condition->value, -1, SQLITE_TRANSIENT);
  set = pilote_id_set_new ();
  while ((rc = sqlite3_step (clients)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (clients, 0);

      g_array_append_val (set->ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      pilote_id_set_free (set);
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  pilote_bind_id_set_full (stmt, index, set);
  return TRUE;
}

PiloteStmt *
pilote_kpi_prepare (PiloteStore            *store,
                    const char             *sql,
                    const char             *from_iso,
                    const char             *to_iso,
                    const PiloteKpiFilter  *filter,
                    GError                **error)
{
  PiloteStmt *stmt = pilote_store_prepare (store, sql, error);
  int fiscal_shift = 1 - (int) pilote_store_get_fiscal_start (store);
  char shift[32];

  if (stmt == NULL)
    return NULL;

  g_snprintf (shift, sizeof shift, "%+d months", fiscal_shift);
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    pilote_bind_text (stmt, 1, from_iso);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    pilote_bind_text (stmt, 2, to_iso);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_text (stmt, 3, shift, -1, SQLITE_TRANSIENT);
  for (guint i = 0; filter != NULL && i < filter->conditions->len; i++)
    {
      const PiloteKpiCondition *condition =
        &g_array_index (filter->conditions, PiloteKpiCondition, i);
      int index = PILOTE_KPI_FIRST_FILTER_PARAM + i;

      if (index > sqlite3_bind_parameter_count (stmt))
        break;
      if (condition->value != NULL)
        sqlite3_bind_text (stmt, index, condition->value, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, index, condition->id);
    }
  /* the ids of the clients of a condition, where the query checks rows
   * against them */
  for (guint i = 0; filter != NULL && i < filter->conditions->len; i++)
    {
      g_autofree char *name = g_strdup_printf (":clients%u", i);
      int index = sqlite3_bind_parameter_index (stmt, name);

      if (index > 0 && !bind_client_ids (store, stmt, index, filter, i, error))
        {
          pilote_stmt_release (stmt);
          return NULL;
        }
    }
  return stmt;
}

/* Steps once: TRUE with @has_row set, or FALSE with @error set. */
gboolean
pilote_kpi_step (PiloteStore  *store,
                 PiloteStmt   *stmt,
                 gboolean     *has_row,
                 GError      **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = (rc == SQLITE_ROW);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  pilote_store_set_sql_error (store, error);
  return FALSE;
}

/**
 * pilote_kpi_bucket_key:
 *
 * The breakdown key of @date for a time dimension, as the SQL expressions
 * above compute it: "2017-03", "2017-Q1", "2017". With a fiscal year that
 * does not start in January, quarters and years are fiscal ones, named
 * after the calendar year in which they start.
 */
void
pilote_kpi_bucket_key (PiloteDimension  dimension,
                       const GDate     *date,
                       GDateMonth       fiscal_start,
                       char            *buf,
                       gsize            size)
{
  int year = g_date_get_year (date);
  int month = g_date_get_month (date);

  if (dimension == PILOTE_DIMENSION_MONTH)
    {
      g_snprintf (buf, size, "%04d-%02d", year, month);
      return;
    }
  month -= (int) fiscal_start - 1;
  if (month < 1)
    {
      month += 12;
      year--;
    }
  if (dimension == PILOTE_DIMENSION_QUARTER)
    g_snprintf (buf, size, "%04d-Q%d", year, (month + 2) / 3);
  else
    g_snprintf (buf, size, "%04d", year);
}
