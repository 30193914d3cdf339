/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pilote-enums.h"
#include "pilote-error.h"
#include "pilote-record-private.h"

/* The description of every entity: its table, its fields and its rules.
 * The generic code of pilote-record.c reads and writes records from it. */

#define FIELD(T, m, lbl, ty, fl) { #m, lbl, ty, G_STRUCT_OFFSET (T, m), fl, 0, NULL }
#define LINK(T, m, lbl, target, fl) \
  { #m, lbl, PILOTE_FIELD_LINK, G_STRUCT_OFFSET (T, m), fl, PILOTE_ENTITY_##target, NULL }
#define ENUM(T, m, lbl, gtype, fl) \
  { #m, lbl, PILOTE_FIELD_ENUM, G_STRUCT_OFFSET (T, m), fl, 0, gtype }

#define NAME_FIELD(T) \
  FIELD (T, name, N_("Name"), PILOTE_FIELD_TEXT, \
         PILOTE_FIELD_REQUIRED | PILOTE_FIELD_SEARCH | PILOTE_FIELD_NAME)

static const PiloteField team_fields[] = {
  NAME_FIELD (PiloteTeam),
  LINK (PiloteTeam, manager_id, N_("Manager"), MEMBER, 0),
};

static const PiloteField member_fields[] = {
  NAME_FIELD (PiloteMember),
  FIELD (PiloteMember, email, N_("E-mail"), PILOTE_FIELD_TEXT, PILOTE_FIELD_SEARCH),
  ENUM (PiloteMember, role, N_("Role"), pilote_role_get_type, 0),
  LINK (PiloteMember, team_id, N_("Team"), TEAM, 0),
  FIELD (PiloteMember, office, N_("Office"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteMember, active, N_("Active"), PILOTE_FIELD_BOOL, 0),
};

static const PiloteField named_fields[] = {
  NAME_FIELD (PiloteNamed),
};

static const PiloteField client_fields[] = {
  NAME_FIELD (PiloteClient),
  ENUM (PiloteClient, kind, N_("Kind"), pilote_client_kind_get_type, 0),
  LINK (PiloteClient, segment_id, N_("Segment"), SEGMENT, 0),
  FIELD (PiloteClient, sector, N_("Sector"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteClient, region, N_("Region"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteClient, country, N_("Country"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteClient, city, N_("City"), PILOTE_FIELD_TEXT, PILOTE_FIELD_SEARCH),
  LINK (PiloteClient, channel_id, N_("Acquisition channel"), CHANNEL, 0),
  LINK (PiloteClient, owner_id, N_("Owner"), MEMBER, 0),
  FIELD (PiloteClient, tags, N_("Tags"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteClient, notes, N_("Notes"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteClient, acquired_on, N_("Acquisition date"), PILOTE_FIELD_DATE,
         PILOTE_FIELD_DERIVED),
};

static const PiloteField contact_fields[] = {
  LINK (PiloteContact, client_id, N_("Client"), CLIENT, PILOTE_FIELD_REQUIRED),
  NAME_FIELD (PiloteContact),
  FIELD (PiloteContact, job_title, N_("Job title"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteContact, email, N_("E-mail"), PILOTE_FIELD_TEXT, PILOTE_FIELD_SEARCH),
  FIELD (PiloteContact, phone, N_("Phone"), PILOTE_FIELD_TEXT, 0),
};

static const PiloteField product_fields[] = {
  NAME_FIELD (PiloteProduct),
  FIELD (PiloteProduct, category, N_("Category"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteProduct, subcategory, N_("Sub-category"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteProduct, unit_price, N_("Unit price"), PILOTE_FIELD_MONEY, 0),
  FIELD (PiloteProduct, unit_cost, N_("Unit cost"), PILOTE_FIELD_MONEY, 0),
  FIELD (PiloteProduct, active, N_("Active"), PILOTE_FIELD_BOOL, 0),
};

static const PiloteField stage_fields[] = {
  NAME_FIELD (PiloteStage),
  FIELD (PiloteStage, position, N_("Position"), PILOTE_FIELD_INT, 0),
  FIELD (PiloteStage, probability, N_("Probability"), PILOTE_FIELD_REAL,
         PILOTE_FIELD_REQUIRED | PILOTE_FIELD_FRACTION),
  ENUM (PiloteStage, kind, N_("Kind"), pilote_stage_kind_get_type, 0),
};

static const PiloteField deal_fields[] = {
  LINK (PiloteDeal, client_id, N_("Client"), CLIENT, 0),
  FIELD (PiloteDeal, title, N_("Title"), PILOTE_FIELD_TEXT,
         PILOTE_FIELD_REQUIRED | PILOTE_FIELD_SEARCH | PILOTE_FIELD_NAME),
  LINK (PiloteDeal, owner_id, N_("Owner"), MEMBER, 0),
  LINK (PiloteDeal, stage_id, N_("Stage"), STAGE, PILOTE_FIELD_REQUIRED),
  { "status", N_("Status"), PILOTE_FIELD_ENUM, G_STRUCT_OFFSET (PiloteDeal, status),
    PILOTE_FIELD_DERIVED, 0, pilote_stage_kind_get_type },
  FIELD (PiloteDeal, amount, N_("Amount"), PILOTE_FIELD_MONEY, 0),
  FIELD (PiloteDeal, cost, N_("Cost"), PILOTE_FIELD_MONEY, 0),
  FIELD (PiloteDeal, probability, N_("Probability"), PILOTE_FIELD_REAL, PILOTE_FIELD_FRACTION),
  ENUM (PiloteDeal, forecast_category, N_("Forecast category"),
        pilote_forecast_category_get_type, 0),
  FIELD (PiloteDeal, expected_close_on, N_("Expected close date"), PILOTE_FIELD_DATE, 0),
  FIELD (PiloteDeal, created_on, N_("Created on"), PILOTE_FIELD_DATE, 0),
  FIELD (PiloteDeal, closed_on, N_("Closed on"), PILOTE_FIELD_DATE, 0),
  LINK (PiloteDeal, channel_id, N_("Channel"), CHANNEL, 0),
  LINK (PiloteDeal, competitor_id, N_("Competitor"), COMPETITOR, 0),
  LINK (PiloteDeal, lost_reason_id, N_("Lost reason"), LOST_REASON, 0),
  FIELD (PiloteDeal, notes, N_("Notes"), PILOTE_FIELD_TEXT, 0),
};

static const PiloteField deal_line_fields[] = {
  LINK (PiloteDealLine, deal_id, N_("Deal"), DEAL, PILOTE_FIELD_REQUIRED),
  LINK (PiloteDealLine, product_id, N_("Product"), PRODUCT, 0),
  FIELD (PiloteDealLine, quantity, N_("Quantity"), PILOTE_FIELD_REAL, PILOTE_FIELD_REQUIRED),
  FIELD (PiloteDealLine, unit_price, N_("Unit price"), PILOTE_FIELD_MONEY, 0),
  FIELD (PiloteDealLine, discount, N_("Discount"), PILOTE_FIELD_REAL,
         PILOTE_FIELD_REQUIRED | PILOTE_FIELD_FRACTION),
  FIELD (PiloteDealLine, unit_cost, N_("Unit cost"), PILOTE_FIELD_MONEY, 0),
  FIELD (PiloteDealLine, amount_given, N_("Line total"), PILOTE_FIELD_MONEY,
         PILOTE_FIELD_NULLABLE),
  FIELD (PiloteDealLine, cost_given, N_("Line cost"), PILOTE_FIELD_MONEY, PILOTE_FIELD_NULLABLE),
  FIELD (PiloteDealLine, amount, N_("Amount"), PILOTE_FIELD_MONEY, PILOTE_FIELD_DERIVED),
  FIELD (PiloteDealLine, cost, N_("Cost"), PILOTE_FIELD_MONEY, PILOTE_FIELD_DERIVED),
};

static const PiloteField activity_fields[] = {
  ENUM (PiloteActivity, kind, N_("Kind"), pilote_activity_kind_get_type, 0),
  LINK (PiloteActivity, client_id, N_("Client"), CLIENT, 0),
  LINK (PiloteActivity, deal_id, N_("Deal"), DEAL, 0),
  LINK (PiloteActivity, owner_id, N_("Owner"), MEMBER, 0),
  FIELD (PiloteActivity, due_at, N_("Due"), PILOTE_FIELD_TIMESTAMP, 0),
  FIELD (PiloteActivity, done_at, N_("Done on"), PILOTE_FIELD_TIMESTAMP, 0),
  FIELD (PiloteActivity, subject, N_("Subject"), PILOTE_FIELD_TEXT,
         PILOTE_FIELD_REQUIRED | PILOTE_FIELD_SEARCH | PILOTE_FIELD_NAME),
  FIELD (PiloteActivity, notes, N_("Notes"), PILOTE_FIELD_TEXT, 0),
};

static const PiloteField objective_fields[] = {
  ENUM (PiloteObjective, metric, N_("Metric"), pilote_metric_get_type, 0),
  ENUM (PiloteObjective, period_kind, N_("Period"), pilote_period_kind_get_type, 0),
  FIELD (PiloteObjective, period_start, N_("Period start"), PILOTE_FIELD_DATE,
         PILOTE_FIELD_REQUIRED),
  ENUM (PiloteObjective, scope, N_("Scope"), pilote_scope_get_type, 0),
  FIELD (PiloteObjective, scope_id, N_("Team or member"), PILOTE_FIELD_ID, 0),
  FIELD (PiloteObjective, target, N_("Target"), PILOTE_FIELD_INT, PILOTE_FIELD_NULLABLE),
  FIELD (PiloteObjective, description, N_("Description"), PILOTE_FIELD_TEXT,
         PILOTE_FIELD_SEARCH | PILOTE_FIELD_NAME),
  LINK (PiloteObjective, owner_id, N_("Owner"), MEMBER, 0),
  FIELD (PiloteObjective, due_on, N_("Due date"), PILOTE_FIELD_DATE, 0),
  FIELD (PiloteObjective, progress, N_("Progress"), PILOTE_FIELD_INT, 0),
  ENUM (PiloteObjective, status, N_("Status"), pilote_progress_status_get_type, 0),
  FIELD (PiloteObjective, comments, N_("Comments"), PILOTE_FIELD_TEXT, 0),
};

static const PiloteField action_fields[] = {
  FIELD (PiloteAction, title, N_("Title"), PILOTE_FIELD_TEXT,
         PILOTE_FIELD_REQUIRED | PILOTE_FIELD_SEARCH | PILOTE_FIELD_NAME),
  LINK (PiloteAction, owner_id, N_("Owner"), MEMBER, 0),
  FIELD (PiloteAction, due_on, N_("Due date"), PILOTE_FIELD_DATE, 0),
  ENUM (PiloteAction, status, N_("Status"), pilote_progress_status_get_type, 0),
  LINK (PiloteAction, objective_id, N_("Objective"), OBJECTIVE, 0),
  FIELD (PiloteAction, notes, N_("Notes"), PILOTE_FIELD_TEXT, 0),
};

static const PiloteField spend_fields[] = {
  FIELD (PiloteSpend, month, N_("Month"), PILOTE_FIELD_DATE, PILOTE_FIELD_REQUIRED),
  LINK (PiloteSpend, channel_id, N_("Channel"), CHANNEL, 0),
  FIELD (PiloteSpend, campaign, N_("Campaign"), PILOTE_FIELD_TEXT,
         PILOTE_FIELD_SEARCH | PILOTE_FIELD_NAME),
  ENUM (PiloteSpend, kind, N_("Kind"), pilote_spend_kind_get_type, 0),
  FIELD (PiloteSpend, amount, N_("Amount"), PILOTE_FIELD_MONEY, 0),
};

static const PiloteField swot_item_fields[] = {
  FIELD (PiloteSwotItem, market, N_("Market"), PILOTE_FIELD_TEXT, 0),
  FIELD (PiloteSwotItem, period_start, N_("Period start"), PILOTE_FIELD_DATE, 0),
  ENUM (PiloteSwotItem, quadrant, N_("Quadrant"), pilote_quadrant_get_type, 0),
  FIELD (PiloteSwotItem, text, N_("Text"), PILOTE_FIELD_TEXT,
         PILOTE_FIELD_REQUIRED | PILOTE_FIELD_SEARCH | PILOTE_FIELD_NAME),
  FIELD (PiloteSwotItem, position, N_("Position"), PILOTE_FIELD_INT, 0),
};

static const PiloteField period_note_fields[] = {
  ENUM (PilotePeriodNote, kind, N_("Kind"), pilote_note_kind_get_type, 0),
  ENUM (PilotePeriodNote, period_kind, N_("Period"), pilote_period_kind_get_type, 0),
  FIELD (PilotePeriodNote, period_start, N_("Period start"), PILOTE_FIELD_DATE,
         PILOTE_FIELD_REQUIRED),
  ENUM (PilotePeriodNote, scope, N_("Scope"), pilote_scope_get_type, 0),
  FIELD (PilotePeriodNote, scope_id, N_("Team or member"), PILOTE_FIELD_ID, 0),
  FIELD (PilotePeriodNote, text, N_("Text"), PILOTE_FIELD_TEXT, PILOTE_FIELD_SEARCH),
};

/* Rules */

static gboolean
scope_id_exists (PiloteStore  *store,
                 PiloteScope   scope,
                 gint64        scope_id,
                 GError      **error)
{
  g_autoptr(PiloteRecord) target = NULL;

  if (scope == PILOTE_SCOPE_COMPANY)
    {
      if (scope_id != 0)
        {
          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                       _("A company-wide record cannot name a team or a member."));
          return FALSE;
        }
      return TRUE;
    }
  target = pilote_store_get (store,
                             scope == PILOTE_SCOPE_TEAM ? PILOTE_ENTITY_TEAM : PILOTE_ENTITY_MEMBER,
                             scope_id, NULL);
  if (target == NULL || target->deleted_at != NULL)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   scope == PILOTE_SCOPE_TEAM ? _("Choose the team this record is for.")
                                              : _("Choose the member this record is for."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
prepare_deal (PiloteStore    *store,
              gpointer        record,
              gconstpointer   old,
              GError        **error)
{
  PiloteDeal *deal = record;
  g_autoptr(PiloteStage) stage = NULL;
  char today[PILOTE_ISO_DATE_LEN] = "";
  GDate date;

  /* today, only when a date is missing: asking the clock costs system calls */
  if (deal->created_on == NULL || deal->closed_on == NULL)
    {
      pilote_date_set_today (&date);
      pilote_date_to_iso (&date, today);
    }

  stage = pilote_store_get_stage (store, deal->stage_id, NULL);
  if (stage == NULL || stage->base.deleted_at != NULL)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Stage: choose one of the pipeline's stages."));
      return FALSE;
    }
  deal->status = stage->kind;

  if (deal->created_on == NULL)
    deal->created_on = g_strdup (today);
  if (deal->status == PILOTE_STAGE_KIND_OPEN)
    g_clear_pointer (&deal->closed_on, g_free);
  else if (deal->closed_on == NULL)
    deal->closed_on = g_strdup (today);

  if (deal->status != PILOTE_STAGE_KIND_LOST)
    deal->lost_reason_id = 0;

  if (deal->amount < 0 || deal->cost < 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Amount: a deal's amount and cost cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
after_write_deal (PiloteStore    *store,
                  gconstpointer   old_record,
                  gconstpointer   record,
                  GError        **error)
{
  const PiloteDeal *old = old_record;
  const PiloteDeal *deal = record;
  g_autoptr(PiloteStmt) stmt = NULL;

  if (deal->base.deleted_at == NULL && (old == NULL || old->stage_id != deal->stage_id))
    {
      stmt = pilote_store_prepare (store,
                                   "INSERT INTO stage_change (deal_id, from_stage_id, to_stage_id,"
                                   " changed_at, changed_by, owner_id, segment_id, client_id,"
                                   " channel_id)"
                                   " VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?4,"
                                   " (SELECT owner_id FROM deal WHERE id = ?1),"
                                   " " PILOTE_DEAL_SEGMENT ("?1") ","
                                   " (SELECT client_id FROM deal WHERE id = ?1),"
                                   " " PILOTE_DEAL_CHANNEL ("?1") ")",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, deal->base.id);
      pilote_bind_id (stmt, 2, old != NULL ? old->stage_id : 0);
      sqlite3_bind_int64 (stmt, 3, deal->stage_id);
      pilote_bind_id (stmt, 4, pilote_store_get_member_id (store));
      if (!pilote_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (!pilote_deal_refresh_totals (store, deal->base.id, error))
    return FALSE;
  if (deal->client_id != 0 &&
      !pilote_client_refresh_acquisition (store, deal->client_id, error))
    return FALSE;
  if (old != NULL && old->client_id != 0 && old->client_id != deal->client_id &&
      !pilote_client_refresh_acquisition (store, old->client_id, error))
    return FALSE;
  return TRUE;
}

static gboolean
prepare_deal_line (PiloteStore    *store,
                   gpointer        record,
                   gconstpointer   old,
                   GError        **error)
{
  PiloteDealLine *line = record;

  if (line->quantity == 0 || !isfinite (line->quantity))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Quantity: type a quantity other than zero."));
      return FALSE;
    }
  if (line->unit_price < 0 || line->unit_cost < 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Unit price: prices and costs cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
after_write_deal_line (PiloteStore    *store,
                       gconstpointer   old_record,
                       gconstpointer   record,
                       GError        **error)
{
  const PiloteDealLine *old = old_record;
  const PiloteDealLine *line = record;

  if (!pilote_deal_refresh_totals (store, line->deal_id, error))
    return FALSE;
  if (old != NULL && old->deal_id != line->deal_id &&
      !pilote_deal_refresh_totals (store, old->deal_id, error))
    return FALSE;
  return TRUE;
}

static gboolean
prepare_client (PiloteStore    *store,
                gpointer        record,
                gconstpointer   old_record,
                GError        **error)
{
  PiloteClient *client = record;
  const PiloteClient *old = old_record;

  /* the acquisition date belongs to the store: keep what it computed */
  g_free (client->acquired_on);
  client->acquired_on = old != NULL ? g_strdup (old->acquired_on) : NULL;
  if (client->kind == PILOTE_CLIENT_KIND_PROSPECT && client->acquired_on != NULL)
    client->kind = PILOTE_CLIENT_KIND_CLIENT;
  return TRUE;
}

static gboolean
prepare_objective (PiloteStore    *store,
                   gpointer        record,
                   gconstpointer   old,
                   GError        **error)
{
  PiloteObjective *objective = record;
  gboolean qualitative = objective->metric == PILOTE_METRIC_QUALITATIVE;

  if (objective->period_kind == PILOTE_PERIOD_CUSTOM)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Period: an objective is set for a week, a month, a quarter or a year."));
      return FALSE;
    }
  if (qualitative && objective->target != G_MININT64)
    objective->target = G_MININT64;
  if (!qualitative && objective->target == G_MININT64)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Target: type the figure to reach."));
      return FALSE;
    }
  if (!qualitative && objective->target < 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Target: the figure to reach cannot be negative."));
      return FALSE;
    }
  if (objective->progress < 0 || objective->progress > 100)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Progress: type a percentage between 0 and 100."));
      return FALSE;
    }
  return scope_id_exists (store, objective->scope, objective->scope_id, error);
}

static gboolean
prepare_period_note (PiloteStore    *store,
                     gpointer        record,
                     gconstpointer   old,
                     GError        **error)
{
  PilotePeriodNote *note = record;

  if (note->period_kind == PILOTE_PERIOD_CUSTOM)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Period: a note is written for a week, a month, a quarter or a year."));
      return FALSE;
    }
  if (note->text == NULL)
    note->text = g_strdup ("");
  return scope_id_exists (store, note->scope, note->scope_id, error);
}

static gboolean
prepare_spend (PiloteStore    *store,
               gpointer        record,
               gconstpointer   old,
               GError        **error)
{
  PiloteSpend *spend = record;

  /* spend is recorded per month: any day of the month stands for it */
  if (spend->month != NULL && strlen (spend->month) == 10)
    {
      spend->month[8] = '0';
      spend->month[9] = '1';
    }
  return TRUE;
}

/* Derived data */

/**
 * pilote_deal_refresh_totals:
 *
 * A deal with lines is worth the sum of its lines: writes that sum into
 * the deal's amount and cost. A deal without lines keeps what was typed.
 */
gboolean
pilote_deal_refresh_totals (PiloteStore  *store,
                            gint64        deal_id,
                            GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (store,
                               "UPDATE deal SET"
                               " amount = (SELECT coalesce (sum (amount), 0) FROM deal_line l"
                               "   WHERE l.deal_id = deal.id AND l.deleted_at IS NULL),"
                               " cost = (SELECT coalesce (sum (cost), 0) FROM deal_line l"
                               "   WHERE l.deal_id = deal.id AND l.deleted_at IS NULL)"
                               " WHERE id = ?1 AND EXISTS (SELECT 1 FROM deal_line l"
                               "   WHERE l.deal_id = ?1 AND l.deleted_at IS NULL)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return pilote_store_step_done (store, stmt, error);
}

/**
 * pilote_client_refresh_acquisition:
 *
 * A client's acquisition date is the date of its first won deal; a
 * prospect becomes a client with it. A client recorded as such without
 * deals in the file (its history lies elsewhere) stays a client.
 */
gboolean
pilote_client_refresh_acquisition (PiloteStore  *store,
                                   gint64        client_id,
                                   GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (store,
                               "UPDATE client SET acquired_on = first_won,"
                               " kind = CASE"
                               "   WHEN first_won IS NOT NULL AND kind = 'prospect' THEN 'client'"
                               "   ELSE kind END"
                               " FROM (SELECT min (closed_on) AS first_won FROM deal"
                               "   WHERE client_id = ?1 AND status = 'won' AND deleted_at IS NULL)"
                               " WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  return pilote_store_step_done (store, stmt, error);
}

#define INFO(ENTITY, tbl, lbl, T, flds, sort, key, prep, after) \
  [PILOTE_ENTITY_##ENTITY] = { PILOTE_ENTITY_##ENTITY, tbl, lbl, sizeof (T), flds, \
                               G_N_ELEMENTS (flds), sort, key, prep, after }

static const PiloteEntityInfo entity_infos[PILOTE_N_ENTITIES] = {
  INFO (TEAM, "team", N_("Teams"), PiloteTeam, team_fields, "name",
        TRUE, NULL, NULL),
  INFO (MEMBER, "member", N_("Members"), PiloteMember, member_fields, "name",
        TRUE, NULL, NULL),
  INFO (SEGMENT, "segment", N_("Segments"), PiloteNamed, named_fields, "name",
        TRUE, NULL, NULL),
  INFO (CHANNEL, "channel", N_("Channels"), PiloteNamed, named_fields, "name",
        TRUE, NULL, NULL),
  INFO (COMPETITOR, "competitor", N_("Competitors"), PiloteNamed, named_fields, "name",
        TRUE, NULL, NULL),
  INFO (LOST_REASON, "lost_reason", N_("Lost reasons"), PiloteNamed, named_fields, "name",
        TRUE, NULL, NULL),
  INFO (CLIENT, "client", N_("Clients"), PiloteClient, client_fields, "name",
        TRUE, prepare_client, NULL),
  INFO (CONTACT, "contact", N_("Contacts"), PiloteContact, contact_fields, "name",
        TRUE, NULL, NULL),
  INFO (PRODUCT, "product", N_("Products"), PiloteProduct, product_fields, "name",
        TRUE, NULL, NULL),
  INFO (STAGE, "stage", N_("Pipeline stages"), PiloteStage, stage_fields, "position",
        TRUE, NULL, NULL),
  INFO (DEAL, "deal", N_("Deals"), PiloteDeal, deal_fields, "created_on",
        TRUE, prepare_deal, after_write_deal),
  INFO (DEAL_LINE, "deal_line", N_("Deal lines"), PiloteDealLine, deal_line_fields, "deal_id",
        FALSE, prepare_deal_line, after_write_deal_line),
  INFO (ACTIVITY, "activity", N_("Activities"), PiloteActivity, activity_fields, "due_at",
        FALSE, NULL, NULL),
  INFO (OBJECTIVE, "objective", N_("Objectives"), PiloteObjective, objective_fields, "period_start",
        FALSE, prepare_objective, NULL),
  INFO (ACTION, "action", N_("Actions"), PiloteAction, action_fields, "due_on",
        FALSE, NULL, NULL),
  INFO (SPEND, "spend", N_("Spend"), PiloteSpend, spend_fields, "month",
        FALSE, prepare_spend, NULL),
  INFO (SWOT_ITEM, "swot_item", N_("SWOT items"), PiloteSwotItem, swot_item_fields, "position",
        FALSE, NULL, NULL),
  INFO (PERIOD_NOTE, "period_note", N_("Period notes"), PilotePeriodNote, period_note_fields, "period_start",
        FALSE, prepare_period_note, NULL),
};

const PiloteEntityInfo *
pilote_entity_get_info (PiloteEntity entity)
{
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);
  return &entity_infos[entity];
}

const char *
pilote_entity_get_table (PiloteEntity entity)
{
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);
  return entity_infos[entity].table;
}

gboolean
pilote_entity_from_name (const char   *name,
                         PiloteEntity *entity)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < PILOTE_N_ENTITIES; i++)
    {
      if (g_ascii_strcasecmp (name, entity_infos[i].table) == 0)
        {
          *entity = i;
          return TRUE;
        }
    }
  return FALSE;
}

const PiloteField *
pilote_entity_find_field (const PiloteEntityInfo *info,
                          const char             *name)
{
  for (guint i = 0; i < info->n_fields; i++)
    if (g_strcmp0 (info->fields[i].name, name) == 0)
      return &info->fields[i];
  return NULL;
}
