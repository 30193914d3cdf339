/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-money.h"
#include "pilote-period.h"
#include "pilote-store.h"
#include "pilote-types.h"

G_BEGIN_DECLS

/**
 * PiloteRecord:
 *
 * What every record of an editable table carries. Each entity's struct
 * starts with one, so a pointer to any entity is a pointer to its
 * #PiloteRecord. Ids are positive; 0 means "none" in link fields. Dates
 * are ISO strings ("YYYY-MM-DD"), %NULL when empty; timestamps are UTC ISO
 * strings. Probabilities and discounts are fractions, NAN when unset.
 */
typedef struct {
  PiloteEntity entity;
  gint64       id;
  char        *ref;
  char        *created_at;
  char        *updated_at;
  gint64       updated_by;
  gint64       version;
  char        *deleted_at;
} PiloteRecord;

typedef struct { PiloteRecord base; char *name; gint64 manager_id; } PiloteTeam;

typedef struct {
  PiloteRecord base;
  char        *name;
  char        *email;
  PiloteRole   role;
  gint64       team_id;
  char        *office;
  gboolean     active;
} PiloteMember;

/* segment, channel, competitor and lost reason: small named lists */
typedef struct { PiloteRecord base; char *name; } PiloteNamed;
typedef PiloteNamed PiloteSegment;
typedef PiloteNamed PiloteChannel;
typedef PiloteNamed PiloteCompetitor;
typedef PiloteNamed PiloteLostReason;

typedef struct {
  PiloteRecord      base;
  char             *name;
  PiloteClientKind  kind;
  gint64            segment_id;
  char             *sector;
  char             *region;
  char             *country;
  char             *city;
  gint64            channel_id;
  gint64            owner_id;
  char             *tags;
  char             *notes;
  char             *acquired_on;   /* derived: the date of the first won deal */
} PiloteClient;

typedef struct {
  PiloteRecord base;
  gint64       client_id;
  char        *name;
  char        *job_title;
  char        *email;
  char        *phone;
} PiloteContact;

typedef struct {
  PiloteRecord base;
  char        *name;
  char        *category;
  char        *subcategory;
  PiloteMoney  unit_price;
  PiloteMoney  unit_cost;
  gboolean     active;
} PiloteProduct;

typedef struct {
  PiloteRecord    base;
  char           *name;
  gint64          position;
  double          probability;
  PiloteStageKind kind;
} PiloteStage;

typedef struct {
  PiloteRecord           base;
  gint64                 client_id;
  char                  *title;
  gint64                 owner_id;
  gint64                 stage_id;
  PiloteStageKind        status;        /* derived from the stage */
  PiloteMoney            amount;        /* the sum of the lines when there are lines */
  PiloteMoney            cost;
  double                 probability;   /* NAN: the stage's default */
  PiloteForecastCategory forecast_category;
  char                  *expected_close_on;
  char                  *created_on;    /* today when left empty */
  char                  *closed_on;     /* won or lost date; today when closed without one */
  gint64                 channel_id;
  gint64                 competitor_id;
  gint64                 lost_reason_id;
  char                  *notes;
} PiloteDeal;

typedef struct {
  PiloteRecord base;
  gint64       deal_id;
  gint64       product_id;
  double       quantity;
  PiloteMoney  unit_price;
  double       discount;
  PiloteMoney  unit_cost;
  PiloteMoney  amount_given;  /* a line total given as such, or PILOTE_MONEY_NONE */
  PiloteMoney  cost_given;    /* a line cost given as such, or PILOTE_MONEY_NONE */
  PiloteMoney  amount;   /* derived: the total given, else quantity × unit price × (1 − discount) */
  PiloteMoney  cost;     /* derived: the cost given, else quantity × unit cost, to the cent */
} PiloteDealLine;

typedef struct {
  PiloteRecord       base;
  PiloteActivityKind kind;
  gint64             client_id;
  gint64             deal_id;
  gint64             owner_id;
  char              *due_at;
  char              *done_at;
  char              *subject;
  char              *notes;
} PiloteActivity;

typedef struct {
  PiloteRecord         base;
  PiloteMetric         metric;
  PilotePeriodKind     period_kind;
  char                *period_start;
  PiloteScope          scope;
  gint64               scope_id;
  /* money in minor units, counts as such, rates in basis points (6315 = 63.15 %) */
  gint64               target;
  char                *description;
  gint64               owner_id;
  char                *due_on;
  gint64               progress;
  PiloteProgressStatus status;
  char                *comments;
} PiloteObjective;

typedef struct {
  PiloteRecord         base;
  char                *title;
  gint64               owner_id;
  char                *due_on;
  PiloteProgressStatus status;
  gint64               objective_id;
  char                *notes;
} PiloteAction;

typedef struct {
  PiloteRecord    base;
  char           *month;      /* first day of the month */
  gint64          channel_id;
  char           *campaign;
  PiloteSpendKind kind;
  PiloteMoney     amount;
} PiloteSpend;

typedef struct {
  PiloteRecord   base;
  char          *market;
  char          *period_start;
  PiloteQuadrant quadrant;
  char          *text;
  gint64         position;
} PiloteSwotItem;

typedef struct {
  PiloteRecord     base;
  PiloteNoteKind   kind;
  PilotePeriodKind period_kind;
  char            *period_start;
  PiloteScope      scope;
  gint64           scope_id;
  char            *text;
} PilotePeriodNote;

/* Queries */

typedef enum {
  PILOTE_OP_EQ,
  PILOTE_OP_NE,
  PILOTE_OP_LT,
  PILOTE_OP_LE,
  PILOTE_OP_GT,
  PILOTE_OP_GE,
  PILOTE_OP_IS_NULL,
  PILOTE_OP_NOT_NULL,
} PiloteOp;

/**
 * PiloteFilter:
 * @field: a field name of the entity (as in the schema: "owner_id", "kind"…)
 * @op: the comparison
 * @text: the value for text, date and enumeration fields (enumerations by nick)
 * @number: the value for number, money, link and boolean fields
 */
typedef struct {
  const char *field;
  PiloteOp    op;
  const char *text;
  gint64      number;
} PiloteFilter;

/**
 * PiloteQuery:
 * @filters: conditions, all of which must hold
 * @search: (nullable): words that the entity's name (or title, subject…)
 *   must contain, ignoring case
 * @sort_field: (nullable): the field to sort on; the entity's natural order when %NULL
 * @descending: sort the other way
 * @limit: at most this many records; 0 for no limit
 * @offset: skip this many records
 * @include_deleted: also list soft-deleted records
 */
typedef struct {
  const PiloteFilter *filters;
  guint               n_filters;
  const char         *search;
  const char         *sort_field;
  gboolean            descending;
  guint               limit;
  guint               offset;
  gboolean            include_deleted;
} PiloteQuery;

const char  *pilote_entity_get_table   (PiloteEntity entity);
gboolean     pilote_entity_from_name   (const char   *name,
                                        PiloteEntity *entity);

gpointer     pilote_record_new         (PiloteEntity  entity);
gpointer     pilote_record_copy        (gconstpointer record);
void         pilote_record_free        (gpointer      record);

gboolean     pilote_store_insert       (PiloteStore        *store,
                                        gpointer            record,
                                        GError            **error);
gpointer     pilote_store_get          (PiloteStore        *store,
                                        PiloteEntity        entity,
                                        gint64              id,
                                        GError            **error);
gboolean     pilote_store_update       (PiloteStore        *store,
                                        gpointer            record,
                                        GError            **error);
gboolean     pilote_store_delete       (PiloteStore        *store,
                                        PiloteEntity        entity,
                                        gint64              id,
                                        gint64              version,
                                        GError            **error);
gboolean     pilote_store_restore      (PiloteStore        *store,
                                        PiloteEntity        entity,
                                        gint64              id,
                                        GError            **error);
GPtrArray   *pilote_store_list         (PiloteStore        *store,
                                        PiloteEntity        entity,
                                        const PiloteQuery  *query,
                                        GError            **error);
gint64       pilote_store_count        (PiloteStore        *store,
                                        PiloteEntity        entity,
                                        const PiloteQuery  *query,
                                        GError            **error);
gpointer     pilote_store_find_by_ref  (PiloteStore        *store,
                                        PiloteEntity        entity,
                                        const char         *ref,
                                        GError            **error);
gpointer     pilote_store_find_by_name (PiloteStore        *store,
                                        PiloteEntity        entity,
                                        const char         *name,
                                        GError            **error);

/* The typed API: for each entity, pilote_<thing>_new (), _free (),
 * pilote_store_get_<thing> () and g_autoptr() support. Writes go through
 * pilote_store_insert (), _update () and _delete () for every entity. */
#define PILOTE_DEFINE_ENTITY(Type, thing, ENTITY)                                   \
  static inline Type *pilote_##thing##_new (void)                                   \
  { return (Type *) pilote_record_new (PILOTE_ENTITY_##ENTITY); }                    \
  static inline void pilote_##thing##_free (Type *record)                           \
  { pilote_record_free (record); }                                                   \
  static inline Type *pilote_store_get_##thing (PiloteStore *store, gint64 id,      \
                                                GError **error)                      \
  { return (Type *) pilote_store_get (store, PILOTE_ENTITY_##ENTITY, id, error); }

PILOTE_DEFINE_ENTITY (PiloteTeam, team, TEAM)
PILOTE_DEFINE_ENTITY (PiloteMember, member, MEMBER)
PILOTE_DEFINE_ENTITY (PiloteSegment, segment, SEGMENT)
PILOTE_DEFINE_ENTITY (PiloteChannel, channel, CHANNEL)
PILOTE_DEFINE_ENTITY (PiloteCompetitor, competitor, COMPETITOR)
PILOTE_DEFINE_ENTITY (PiloteLostReason, lost_reason, LOST_REASON)
PILOTE_DEFINE_ENTITY (PiloteClient, client, CLIENT)
PILOTE_DEFINE_ENTITY (PiloteContact, contact, CONTACT)
PILOTE_DEFINE_ENTITY (PiloteProduct, product, PRODUCT)
PILOTE_DEFINE_ENTITY (PiloteStage, stage, STAGE)
PILOTE_DEFINE_ENTITY (PiloteDeal, deal, DEAL)
PILOTE_DEFINE_ENTITY (PiloteDealLine, deal_line, DEAL_LINE)
PILOTE_DEFINE_ENTITY (PiloteActivity, activity, ACTIVITY)
PILOTE_DEFINE_ENTITY (PiloteObjective, objective, OBJECTIVE)
PILOTE_DEFINE_ENTITY (PiloteAction, action, ACTION)
PILOTE_DEFINE_ENTITY (PiloteSpend, spend, SPEND)
PILOTE_DEFINE_ENTITY (PiloteSwotItem, swot_item, SWOT_ITEM)
PILOTE_DEFINE_ENTITY (PilotePeriodNote, period_note, PERIOD_NOTE)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteRecord, pilote_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteTeam, pilote_team_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteMember, pilote_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteNamed, pilote_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteClient, pilote_client_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteContact, pilote_contact_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteProduct, pilote_product_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteStage, pilote_stage_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteDeal, pilote_deal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteDealLine, pilote_deal_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteActivity, pilote_activity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteObjective, pilote_objective_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteAction, pilote_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteSpend, pilote_spend_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteSwotItem, pilote_swot_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PilotePeriodNote, pilote_period_note_free)

G_END_DECLS
