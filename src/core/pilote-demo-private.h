/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

#include "pilote-period.h"
#include "pilote-store-private.h"
#include "pilote-types.h"

G_BEGIN_DECLS

/* The demonstration company: its fixed lists (in pilote-demo-data.c) and
 * the random generator that draws everything else. The data are French
 * company data, not user interface text: they are not translated. */

/* PCG32 (O'Neill, pcg-random.org): small, fast, and the same sequence on
 * every machine, unlike g_random or rand (). What is drawn from it is
 * computed in integers, so that no floating-point contraction or libm
 * difference can change a single value from one machine to another. */
typedef struct {
  guint64 state;
  guint64 inc;
} PiloteDemoRandom;

static inline guint32
pilote_demo_random_next (PiloteDemoRandom *r)
{
  guint64 old = r->state;
  guint32 xorshifted = (guint32) (((old >> 18) ^ old) >> 27);
  guint32 rot = (guint32) (old >> 59);

  r->state = old * G_GUINT64_CONSTANT (6364136223846793005) + r->inc;
  return (xorshifted >> rot) | (xorshifted << ((32 - rot) & 31));
}

static inline void
pilote_demo_random_init (PiloteDemoRandom *r,
                         guint32           seed)
{
  r->state = 0;
  r->inc = (G_GUINT64_CONSTANT (0x50494c4f) << 1) | 1;
  pilote_demo_random_next (r);
  r->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ seed;
  pilote_demo_random_next (r);
}

/* a number in [0, n), n > 0 */
static inline guint
pilote_demo_random_below (PiloteDemoRandom *r,
                          guint             n)
{
  return (guint) (((guint64) pilote_demo_random_next (r) * n) >> 32);
}

/* a number in [lo, hi] */
static inline int
pilote_demo_random_range (PiloteDemoRandom *r,
                          int               lo,
                          int               hi)
{
  return lo + (int) pilote_demo_random_below (r, (guint) (hi - lo + 1));
}

/* TRUE with a probability of per_mille / 1000 */
static inline gboolean
pilote_demo_random_chance (PiloteDemoRandom *r,
                           int               per_mille)
{
  return (int) pilote_demo_random_below (r, 1000) < per_mille;
}

/* an index in [0, n) drawn with the given weights */
static inline guint
pilote_demo_random_weighted (PiloteDemoRandom *r,
                             const guint8     *weights,
                             guint             n)
{
  guint total = 0, pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  pick = pilote_demo_random_below (r, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  return n - 1;
}

#define PILOTE_DEMO_N_TEAMS       3
#define PILOTE_DEMO_N_SEGMENTS    4
/* the lists of a new file (pilote-store-defaults.c) */
#define PILOTE_DEMO_N_CHANNELS    PILOTE_DEFAULT_N_CHANNELS
#define PILOTE_DEMO_N_REASONS     PILOTE_DEFAULT_N_LOST_REASONS
#define PILOTE_DEMO_N_STAGES      PILOTE_DEFAULT_N_STAGES
#define PILOTE_DEMO_N_COMPETITORS 4
#define PILOTE_DEMO_N_PRODUCTS    12
#define PILOTE_DEMO_N_STAFF       17
#define PILOTE_DEMO_FIRST_REP     5    /* the reps come last in the staff */
#define PILOTE_DEMO_N_REPS        (PILOTE_DEMO_N_STAFF - PILOTE_DEMO_FIRST_REP)

typedef enum {
  PILOTE_DEMO_SMALL,
  PILOTE_DEMO_MID,
  PILOTE_DEMO_ENTERPRISE,
  PILOTE_DEMO_PUBLIC,
} PiloteDemoSegment;

typedef struct {
  const char *name;
  const char *office;
} PiloteDemoTeam;

typedef struct {
  const char *name;
  const char *role;        /* the member role's nick */
  int         team;        /* index in the teams; -1 for none */
  int         skill;       /* per mille added to the win rate of a rep's deals */
  guint8      load;        /* weight of the rep among the team's client owners */
} PiloteDemoPerson;

typedef struct {
  const char *name;
  const char *region;
  const char *country;
  const char *phone;       /* the first digits of a phone number there */
  guint8      team;
  guint8      weight;
} PiloteDemoCity;

typedef struct {
  const char *name;
  const char *category;
  const char *subcategory;
  gint64      price;       /* cents */
  gint64      cost;        /* cents */
  guint16     qty_min;
  guint16     qty_max;
  guint8      weight[PILOTE_DEMO_N_SEGMENTS];  /* how often each segment buys it */
  int         win_adjust;  /* per mille */
  const char *titles[2];   /* titles of a deal led by this product */
} PiloteDemoProduct;

typedef struct {
  int         channel;     /* index in pilote_demo_channels */
  const char *kind;        /* "marketing" or "sales" */
  const char *campaign;
  gint64      per_lead;    /* cents spent for each new client brought to the pipeline */
} PiloteDemoSpend;

typedef struct {
  const char *kind;        /* the activity kind's nick */
  const char *subjects[3];
} PiloteDemoActivity;

typedef struct {
  const char *description;
  const char *scope;       /* "company" or "team" */
  int         team;
  int         owner;       /* index in pilote_demo_staff */
  int         progress;
  const char *status;
  int         due_month;   /* month of the current year it is due at the end of */
} PiloteDemoGoal;

typedef struct {
  const char *title;
  int         owner;       /* index in pilote_demo_staff */
  int         goal;        /* index in pilote_demo_goals; -1 for none */
  int         due_days;    /* from today */
  const char *status;
} PiloteDemoAction;

typedef struct {
  const char *quadrant;
  const char *text;
} PiloteDemoSwot;

extern const char *const       pilote_demo_company_name;
extern const char *const       pilote_demo_email_domain;
extern const char *const       pilote_demo_head_office;
extern const PiloteDemoTeam    pilote_demo_teams[PILOTE_DEMO_N_TEAMS];
extern const PiloteDemoPerson  pilote_demo_staff[PILOTE_DEMO_N_STAFF];
extern const char *const       pilote_demo_segments[PILOTE_DEMO_N_SEGMENTS];
extern const guint8            pilote_demo_segment_weights[PILOTE_DEMO_N_SEGMENTS];
extern const char *const       pilote_demo_competitors[PILOTE_DEMO_N_COMPETITORS];
extern const guint8            pilote_demo_channel_weights[PILOTE_DEMO_N_CHANNELS];
extern const guint8            pilote_demo_lost_reason_weights[PILOTE_DEMO_N_REASONS];
extern const PiloteDemoCity    pilote_demo_cities[];
extern const guint             pilote_demo_n_cities;
extern const PiloteDemoProduct pilote_demo_products[PILOTE_DEMO_N_PRODUCTS];
extern const PiloteDemoSpend   pilote_demo_spends[];
extern const guint             pilote_demo_n_spends;
extern const PiloteDemoActivity pilote_demo_activities[5];
extern const char *const       pilote_demo_sites[];
extern const guint             pilote_demo_n_sites;
extern const PiloteDemoGoal    pilote_demo_goals[];
extern const guint             pilote_demo_n_goals;
extern const PiloteDemoAction  pilote_demo_actions[];
extern const guint             pilote_demo_n_actions;
extern const PiloteDemoSwot    pilote_demo_swot[];
extern const guint             pilote_demo_n_swot;
extern const char *const       pilote_demo_swot_market;
extern const char *const       pilote_demo_month_comment;
extern const char *const       pilote_demo_year_strategy;

/* The generation under way, shared by pilote-demo.c (the calendar, the
 * company, the batches), pilote-demo-clients.c, pilote-demo-deals.c and
 * pilote-demo-goals.c (objectives, plan and spend). */

#define PILOTE_DEMO_HISTORY_MONTHS 36
#define PILOTE_DEMO_MAX_MONTHS     (PILOTE_DEMO_HISTORY_MONTHS + 12)
#define PILOTE_DEMO_STAMP_LEN      25    /* "YYYY-MM-DDTHH:MM:SS.SSSZ" and the nul */
#define PILOTE_DEMO_NO_DAY         G_MAXUINT16

enum {
  PILOTE_DEMO_LEAD,
  PILOTE_DEMO_QUALIFIED,
  PILOTE_DEMO_PROPOSAL,
  PILOTE_DEMO_NEGOTIATION,
  PILOTE_DEMO_WON,
  PILOTE_DEMO_LOST,
};

typedef struct {
  PiloteStore      *store;
  PiloteDemoRandom  rng;
  guint             n_clients;
  guint             n_deals;

  /* the calendar: day 0 is the first day of the history, days are indexes */
  guint             today;
  guint             n_days;                 /* the history and some days after today */
  char             *iso;                    /* "YYYY-MM-DD" of each day, one after the other */
  guint8           *month_of;               /* the index of the day's month */
  guint8           *weekday;                /* 0 for Monday */
  guint16          *work_before;            /* working days before each day */
  guint16          *work_days;              /* the working days, in order */
  guint             n_work_days;
  guint             n_months;               /* the history and the rest of this year */
  guint             month_first[PILOTE_DEMO_MAX_MONTHS];   /* a day index; in the history */
  char              month_iso[PILOTE_DEMO_MAX_MONTHS][PILOTE_ISO_DATE_LEN];
  guint8            month_moy[PILOTE_DEMO_MAX_MONTHS];    /* 1 for January */

  /* ids of the records the deals refer to */
  gint64            stages[PILOTE_DEMO_N_STAGES];
  gint64            channels[PILOTE_DEMO_N_CHANNELS];
  gint64            reasons[PILOTE_DEMO_N_REASONS];
  gint64            segments[PILOTE_DEMO_N_SEGMENTS];
  gint64            competitors[PILOTE_DEMO_N_COMPETITORS];
  gint64            teams[PILOTE_DEMO_N_TEAMS];
  gint64            staff[PILOTE_DEMO_N_STAFF];
  gint64            products[PILOTE_DEMO_N_PRODUCTS];

  /* one entry per client, in the order of their first deal */
  gint64           *client_ids;
  guint8           *client_rep;             /* the owner, as a rep index */
  guint8           *client_channel;
  guint8           *client_segment;
  guint8           *client_flags;
  guint8           *client_city;
  guint8           *client_appetite;        /* how often it buys, out of 32 */
  guint16          *client_lifetime;        /* days it buys for after its first deal */
  guint16          *client_first_deal;      /* day of the first deal */
  guint16          *client_first_won;       /* day of the first won deal */

  gint64            next_client_id;
  gint64            next_deal_id;

  /* one entry per deal, in the order of creation */
  guint32          *deal_client;
  guint16          *deal_day;

  /* what the objectives and the spend are set from */
  gint64            revenue[PILOTE_DEMO_N_REPS][PILOTE_DEMO_HISTORY_MONTHS];
  guint             meetings[PILOTE_DEMO_N_TEAMS][PILOTE_DEMO_HISTORY_MONTHS];
  guint             leads[PILOTE_DEMO_N_CHANNELS][PILOTE_DEMO_HISTORY_MONTHS];
} PiloteDemo;

static inline const char *
pilote_demo_iso (const PiloteDemo *demo,
                 guint             day)
{
  return demo->iso + (gsize) day * PILOTE_ISO_DATE_LEN;
}

/* "YYYY-MM-DDTHH:MM:00.000Z" */
static inline void
pilote_demo_format_stamp (const PiloteDemo *demo,
                          guint             day,
                          guint             hour,
                          guint             minute,
                          char              buf[PILOTE_DEMO_STAMP_LEN])
{
  memcpy (buf, pilote_demo_iso (demo, day), 10);
  buf[10] = 'T';
  buf[11] = (char) ('0' + hour / 10);
  buf[12] = (char) ('0' + hour % 10);
  buf[13] = ':';
  buf[14] = (char) ('0' + minute / 10);
  buf[15] = (char) ('0' + minute % 10);
  memcpy (buf + 16, ":00.000Z", 9);
}

/* a moment of @day: the time of day varies, the data does not */
static inline void
pilote_demo_stamp_on (PiloteDemo *demo,
                      guint       day,
                      char        stamp[PILOTE_DEMO_STAMP_LEN])
{
  guint hour = 8 + pilote_demo_random_below (&demo->rng, 10);
  guint minute = pilote_demo_random_below (&demo->rng, 60);

  pilote_demo_format_stamp (demo, day, hour, minute, stamp);
}

/* Rows are inserted a batch at a time, many rows to a statement: SQLite
 * spends much of a one-row insert setting up and tearing down the
 * statement. A batch holds the rows of a few records (a chunk of deals,
 * say) until they are flushed, parents before children. Its statements
 * say INSERT OR FAIL: a failing row stops the statement without undoing
 * the rows before it, so SQLite keeps no journal of each statement (any
 * failure rolls the whole generation back anyway). */

typedef enum {
  PILOTE_DEMO_NULL,
  PILOTE_DEMO_INT,
  PILOTE_DEMO_REAL,
  PILOTE_DEMO_TEXT,
} PiloteDemoType;

typedef struct {
  PiloteDemoType type;
  union {
    gint64      i;
    double      d;
    const char *s;   /* static, or copied into the batch */
  };
} PiloteDemoValue;

typedef struct _PiloteDemoBatch PiloteDemoBatch;

PiloteDemoBatch *pilote_demo_batch_new    (PiloteDemo       *demo,
                                           const char       *insert,
                                           guint             n_columns,
                                           guint             capacity,
                                           GError          **error);
void             pilote_demo_batch_free   (PiloteDemoBatch  *batch);
PiloteDemoValue *pilote_demo_batch_add    (PiloteDemoBatch  *batch);
const char      *pilote_demo_batch_copy   (PiloteDemoBatch  *batch,
                                           const char       *text);
gboolean         pilote_demo_batch_flush  (PiloteDemoBatch  *batch,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteDemoBatch, pilote_demo_batch_free)

static inline void
pilote_demo_set_int (PiloteDemoValue *value,
                     gint64           i)
{
  value->type = PILOTE_DEMO_INT;
  value->i = i;
}

/* an id, 0 meaning NULL */
static inline void
pilote_demo_set_id (PiloteDemoValue *value,
                    gint64           id)
{
  value->type = id > 0 ? PILOTE_DEMO_INT : PILOTE_DEMO_NULL;
  value->i = id;
}

static inline void
pilote_demo_set_real (PiloteDemoValue *value,
                      double           d)
{
  value->type = PILOTE_DEMO_REAL;
  value->d = d;
}

/* @text must outlive the flush: static, in the calendar, or copied into the batch */
static inline void
pilote_demo_set_text (PiloteDemoValue *value,
                      const char      *text)
{
  value->type = text != NULL ? PILOTE_DEMO_TEXT : PILOTE_DEMO_NULL;
  value->s = text;
}

void     pilote_demo_draw_clients   (PiloteDemo  *demo);
gboolean pilote_demo_insert_clients (PiloteDemo  *demo,
                                     GError     **error);
gboolean pilote_demo_update_clients (PiloteDemo  *demo,
                                     GError     **error);
gboolean pilote_demo_insert_goals   (PiloteDemo  *demo,
                                     GError     **error);
void     pilote_demo_plan_deals     (PiloteDemo  *demo);
gboolean pilote_demo_insert_deals   (PiloteDemo  *demo,
                                     GError     **error);

void  pilote_demo_make_client_name (PiloteDemoRandom       *r,
                                    PiloteDemoSegment       segment,
                                    const PiloteDemoCity   *city,
                                    char                   *buf,
                                    gsize                   size,
                                    const char            **sector);
void  pilote_demo_make_contact     (PiloteDemoRandom       *r,
                                    const char             *client_name,
                                    const PiloteDemoCity   *city,
                                    char                   *name,
                                    char                   *email,
                                    char                   *phone,
                                    const char            **job_title,
                                    gsize                   size);
char *pilote_demo_make_email       (const char             *name,
                                    const char             *domain);

G_END_DECLS
