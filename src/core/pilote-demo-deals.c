/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include "pilote-demo-private.h"
#include "pilote-text.h"

/* The deals of the demonstration company: when they are created and for
 * whom, what they sell, how long they take, how they end, and the stage
 * changes and activities that go with them. Clients buy again and again
 * (a few buy a lot), business grows every year, deals close more at the
 * end of quarters and of the year and less in August, and each rep,
 * product and segment wins at its own rate. */

/* deals created in each month of the year, per mille of an average month */
static const int created_season[13] = {
  0, 1050, 1000, 1050, 1000, 950, 1000, 900, 600, 1150, 1100, 1050, 800,
};

/* when a deal enters each open stage (and closes), per mille of its cycle */
static const int stage_enter[5] = { 0, 200, 450, 700, 1000 };

/* by segment: small business, mid-market, enterprise, public sector */
static const int segment_size[PILOTE_DEMO_N_SEGMENTS] = { 400, 1000, 2500, 1500 };
static const int segment_win[PILOTE_DEMO_N_SEGMENTS] = { 30, 0, -30, -60 };
static const int segment_discount[PILOTE_DEMO_N_SEGMENTS] = { 250, 400, 650, 500 };
static const int segment_cycle_min[PILOTE_DEMO_N_SEGMENTS] = { 22, 25, 35, 35 };
static const int segment_cycle_spread[PILOTE_DEMO_N_SEGMENTS] = { 34, 40, 42, 42 };

static const double discounts[] = { 0.05, 0.08, 0.10, 0.12, 0.15 };
static const double probability_overrides[] = { 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9 };
static const guint8 lost_stage_weights[4] = { 20, 30, 30, 20 };

/* which kinds of activity happen at each open stage: call, meeting, visit, e-mail, task */
static const guint8 stage_activities[4][5] = {
  { 60, 0, 0, 40, 0 },
  { 20, 50, 30, 0, 0 },
  { 0, 20, 0, 50, 30 },
  { 50, 50, 0, 0, 0 },
};

#define ACTIVITY_CAP 400000   /* done activities, about */
#define COMPETITOR   1        /* index of the "Competitor" lost reason */

enum {
  CLIENT_SEEN = 1 << 0,
  CLIENT_WON = 1 << 1,
};

#define CHUNK 64   /* deals generated, then inserted, at a time */

typedef struct {
  PiloteDemoBatch *deals;
  PiloteDemoBatch *lines;
  PiloteDemoBatch *changes;
  PiloteDemoBatch *activities;
  GHashTable      *title_keys;    /* title → its name key: titles repeat */
  guint            team_reps[PILOTE_DEMO_N_TEAMS][PILOTE_DEMO_N_REPS];
  guint            n_team_reps[PILOTE_DEMO_N_TEAMS];
  guint            activity_per_mille;
} Inserter;

typedef struct {
  guint   product;
  double  quantity;
  gint64  unit_price;
  double  discount;
  gint64  unit_cost;
} Line;

typedef struct {
  guint   client;
  gint64  id;
  gint64  client_id;
  gint64  channel_id;
  gint64  owner_id;
  guint   team;
  guint   created;       /* day */
  guint   closed;        /* day; after today while open */
  guint   cycle;         /* working days */
  guint   stage;         /* the open stage it reached, while open or when lost */
  gboolean won;          /* will be won (or was) */
  gboolean open;
  gboolean skip_negotiation;
} Deal;

static guint
month_of_year (const PiloteDemo *demo,
               guint             day)
{
  const char *iso = pilote_demo_iso (demo, day);

  return (guint) (iso[5] - '0') * 10 + (guint) (iso[6] - '0');
}

static guint
day_of_month (const PiloteDemo *demo,
              guint             day)
{
  const char *iso = pilote_demo_iso (demo, day);

  return (guint) (iso[8] - '0') * 10 + (guint) (iso[9] - '0');
}

/* the first day after the month of @day; @day must be in the history */
static guint
next_month_start (const PiloteDemo *demo,
                  guint             day)
{
  guint month = demo->month_of[day];

  while (day < demo->n_days && demo->month_of[day] == month)
    day++;
  return day;
}

/* the day @n working days after @day (for 0, @day or the next working day) */
static guint
add_work_days (const PiloteDemo *demo,
               guint             day,
               guint             n)
{
  return demo->work_days[MIN (demo->work_before[day] + n, demo->n_work_days - 1)];
}

/* the working days from @from to @to */
static guint
work_days_between (const PiloteDemo *demo,
                   guint             from,
                   guint             to)
{
  return demo->work_before[to] - MIN (demo->work_before[to], demo->work_before[from]);
}

/* @day, or the working day before it, but not before @floor */
static guint
work_day_before (const PiloteDemo *demo,
                 guint             day,
                 guint             floor)
{
  while (demo->weekday[day] >= 5 && day > floor)
    day--;
  return day;
}

/* the day a deal enters its open stage @stage, or closes for 4 */
static guint
stage_day (const PiloteDemo *demo,
           const Deal       *deal,
           guint             stage)
{
  return add_work_days (demo, deal->created, deal->cycle * (guint) stage_enter[stage] / 1000);
}

static guint
count_work_days (const PiloteDemo *demo,
                 guint             from,
                 guint             to)
{
  guint n = 0;

  for (guint day = from; day < to; day++)
    n += demo->weekday[day] < 5;
  return n;
}

/* Draws the creation days of all deals, month by month, in order: more
 * each year, fewer in August and at Christmas, on working days. */
static void
plan_days (PiloteDemo *demo)
{
  guint64 weights[PILOTE_DEMO_HISTORY_MONTHS], remainders[PILOTE_DEMO_HISTORY_MONTHS];
  guint counts[PILOTE_DEMO_HISTORY_MONTHS];
  guint64 total = 0;
  guint assigned = 0, index = 0;

  for (guint m = 0; m < PILOTE_DEMO_HISTORY_MONTHS; m++)
    {
      guint first = demo->month_first[m];
      guint end = next_month_start (demo, first);
      guint full = count_work_days (demo, first, end);
      guint elapsed = count_work_days (demo, first, MIN (end, demo->today + 1));

      /* this month so far only; by calendar days while no working day has passed */
      if (elapsed == 0)
        {
          full = end - first;
          elapsed = MIN (end, demo->today + 1) - first;
        }
      weights[m] = (guint64) (1000 + 15 * m) * (guint64) created_season[demo->month_moy[m]];
      weights[m] = weights[m] * elapsed / full;
      total += weights[m];
    }

  /* largest remainders: the counts add up exactly */
  for (guint m = 0; m < PILOTE_DEMO_HISTORY_MONTHS; m++)
    {
      counts[m] = (guint) (demo->n_deals * weights[m] / total);
      remainders[m] = demo->n_deals * weights[m] % total;
      assigned += counts[m];
    }
  while (assigned < demo->n_deals)
    {
      guint best = 0;

      for (guint m = 1; m < PILOTE_DEMO_HISTORY_MONTHS; m++)
        if (remainders[m] > remainders[best])
          best = m;
      counts[best]++;
      remainders[best] = 0;
      assigned++;
    }

  for (guint m = 0; m < PILOTE_DEMO_HISTORY_MONTHS; m++)
    {
      guint first = demo->month_first[m];
      guint end = MIN (next_month_start (demo, first), demo->today + 1);
      guint days[31], per_day[31] = { 0 };
      guint n_days = 0;

      for (guint day = first; day < end; day++)
        if (demo->weekday[day] < 5)
          days[n_days++] = day;
      if (n_days == 0)
        for (guint day = first; day < end; day++)
          days[n_days++] = day;

      for (guint k = 0; k < counts[m]; k++)
        per_day[pilote_demo_random_below (&demo->rng, n_days)]++;
      for (guint d = 0; d < n_days; d++)
        for (guint k = 0; k < per_day[d]; k++)
          demo->deal_day[index++] = (guint16) days[d];
    }
  g_assert (index == demo->n_deals);
}

/**
 * pilote_demo_plan_deals:
 *
 * Decides when each deal is created and for which client, so that the
 * clients can be created, each a little before its first deal, before the
 * deals themselves. New clients come in steadily, more at first (the
 * clients the company already had); the others buy again, each at its
 * own pace, until some of them stop.
 */
void
pilote_demo_plan_deals (PiloteDemo *demo)
{
  PiloteDemoRandom *r = &demo->rng;
  guint engaged_max = 0, initial, fresh = 0;

  plan_days (demo);

  if (demo->n_deals > 0)
    engaged_max = MAX (1, MIN (demo->n_clients * 88 / 100, demo->n_deals * 7 / 10));
  engaged_max = MIN (engaged_max, demo->n_clients);
  /* the clients the company had when the history starts */
  initial = engaged_max / 8;

  for (guint i = 0; i < demo->n_deals; i++)
    {
      guint64 ppm = ((guint64) i + 1) * 1000000 / demo->n_deals;
      guint64 share = ppm + 35 * ppm * (1000000 - ppm) / 100000000;
      guint64 target = initial + (engaged_max - initial) * share / 1000000;
      guint client;

      if (fresh == 0 ||
          (fresh < engaged_max &&
           (fresh + 2 < target || (fresh < target && pilote_demo_random_chance (r, 500)))))
        {
          client = fresh++;
          demo->client_first_deal[client] = demo->deal_day[i];
        }
      else
        {
          guint day = demo->deal_day[i];

          /* a client that buys again, as often as its appetite says, while it still buys */
          for (guint tries = 0; ; tries++)
            {
              client = pilote_demo_random_below (r, fresh);
              if (tries == 64 ||
                  (pilote_demo_random_below (r, 32) < demo->client_appetite[client] &&
                   day <= (guint) demo->client_first_deal[client] + demo->client_lifetime[client]))
                break;
            }
        }
      demo->deal_client[i] = client;
    }
}

/* The line amount exactly as SQLite computes the generated column:
 * round (quantity * unit_price * (1.0 - discount)), its round () adding
 * one half and truncating. The volatile steps keep the compiler from
 * fusing them into a multiply-add that would round differently. */
static gint64
compute_line_amount (const Line *line)
{
  volatile double gross = line->quantity * (double) line->unit_price;
  volatile double net = gross * (1.0 - line->discount);

  return (gint64) (net + 0.5);
}

static guint
draw_lines (PiloteDemo *demo,
            guint       segment,
            Line        lines[3])
{
  PiloteDemoRandom *r = &demo->rng;
  guint8 weights[PILOTE_DEMO_N_PRODUCTS];
  guint pick = pilote_demo_random_below (r, 10);
  guint n_lines = pick < 4 ? 1 : pick < 8 ? 2 : 3;
  double discount = 0;

  if (pilote_demo_random_chance (r, segment_discount[segment]))
    {
      guint level = pilote_demo_random_below (r, G_N_ELEMENTS (discounts));

      /* large accounts negotiate harder (no random draw inside MAX (): it evaluates twice) */
      if (segment == PILOTE_DEMO_ENTERPRISE)
        {
          guint again = pilote_demo_random_below (r, G_N_ELEMENTS (discounts));

          level = MAX (level, again);
        }
      discount = discounts[level];
    }

  for (guint p = 0; p < PILOTE_DEMO_N_PRODUCTS; p++)
    weights[p] = pilote_demo_products[p].weight[segment];

  for (guint l = 0; l < n_lines; l++)
    {
      guint product = pilote_demo_random_weighted (r, weights, PILOTE_DEMO_N_PRODUCTS);
      const PiloteDemoProduct *info = &pilote_demo_products[product];
      int quantity = pilote_demo_random_range (r, info->qty_min, info->qty_max);

      weights[product] = 0;   /* one line per product */
      if (info->qty_max > 1)
        quantity = MAX (1, (quantity * segment_size[segment] + 500) / 1000);
      lines[l].product = product;
      lines[l].quantity = quantity;
      lines[l].unit_price = info->price;
      lines[l].discount = discount;
      lines[l].unit_cost = info->cost;
    }
  return n_lines;
}

/* Closings bunch up at the end of March, June and December, and wait for
 * September rather than happen in August. */
static guint
season_close (PiloteDemo *demo,
              guint       created,
              guint       close)
{
  PiloteDemoRandom *r = &demo->rng;
  guint moy = month_of_year (demo, close);
  guint dom = day_of_month (demo, close);

  if ((moy == 1 || moy == 4 || moy == 7) && dom <= 15 && pilote_demo_random_chance (r, 450))
    {
      /* pulled in to the end of the quarter */
      guint back = dom + (guint) pilote_demo_random_range (r, 0, 8);

      if (close >= created + 20 + back)
        close -= back;
    }
  else if ((moy == 2 || moy == 5 || moy == 11) && dom >= 15 && pilote_demo_random_chance (r, 300))
    {
      /* pushed to the end of the quarter */
      guint target = next_month_start (demo, close) + (guint) pilote_demo_random_range (r, 10, 24);

      if (target < demo->n_days && target - created <= 120)
        close = target;
    }
  else if (moy == 8 && pilote_demo_random_chance (r, 550))
    {
      guint target = next_month_start (demo, close) + (guint) pilote_demo_random_range (r, 0, 14);
      guint back = dom + (guint) pilote_demo_random_range (r, 0, 6);

      /* or, when September is too far, at the end of July */
      if (target < demo->n_days && target - created <= 120)
        close = target;
      else if (close >= created + 20 + back)
        close -= back;
    }

  return work_day_before (demo, close, created + 1);
}


/* Returns: the time of the change, until the batch is flushed */
static const char *
add_change (PiloteDemo  *demo,
            Inserter    *ins,
            const Deal  *deal,
            int          from,
            int          to,
            guint        day,
            guint        step)
{
  PiloteDemoValue *row = pilote_demo_batch_add (ins->changes);
  char stamp[PILOTE_DEMO_STAMP_LEN];

  pilote_demo_format_stamp (demo, day, 9 + step, pilote_demo_random_below (&demo->rng, 60),
                            stamp);
  pilote_demo_set_int (&row[0], deal->id);
  pilote_demo_set_id (&row[1], from >= 0 ? demo->stages[from] : 0);
  pilote_demo_set_int (&row[2], demo->stages[to]);
  pilote_demo_set_text (&row[3], pilote_demo_batch_copy (ins->changes, stamp));
  /* the rep who owns the deal moved it on */
  pilote_demo_set_int (&row[4], deal->owner_id);
  pilote_demo_set_int (&row[5], deal->owner_id);
  pilote_demo_set_int (&row[6], demo->segments[demo->client_segment[deal->client]]);
  pilote_demo_set_int (&row[7], deal->client_id);
  pilote_demo_set_int (&row[8], deal->channel_id);
  return row[3].s;
}

/* From the lead to the stage reached, then to won or lost; the changes
 * are a few hours apart when they fall on the same day. @first and @last
 * are the times of the first and last changes. */
static void
add_changes (PiloteDemo   *demo,
             Inserter     *ins,
             const Deal   *deal,
             const char  **first,
             const char  **last)
{
  guint reached = deal->stage;
  guint step = 0, previous = deal->created;
  guint ceiling = deal->open ? demo->today : deal->closed;
  int from = -1;

  if (deal->won && !deal->open && deal->skip_negotiation)
    reached = PILOTE_DEMO_PROPOSAL;
  for (guint k = 0; k <= reached; k++)
    {
      guint day = stage_day (demo, deal, k);

      day = previous = CLAMP (day, previous, ceiling);
      *last = add_change (demo, ins, deal, from, (int) k, day, step++);
      if (k == 0)
        *first = *last;
      from = (int) k;
    }
  if (!deal->open)
    *last = add_change (demo, ins, deal, from, deal->won ? PILOTE_DEMO_WON : PILOTE_DEMO_LOST,
                        deal->closed, step);
}

static void
add_activity (PiloteDemo  *demo,
              Inserter    *ins,
              const Deal  *deal,
              guint        kind,
              guint        due,
              gboolean     done,
              guint        created,
              guint        hour)
{
  PiloteDemoRandom *r = &demo->rng;
  const PiloteDemoActivity *info = &pilote_demo_activities[kind];
  const char *subject = info->subjects[pilote_demo_random_below (r, 3)];
  guint minute = pilote_demo_random_below (r, 4) * 15;
  PiloteDemoValue *row = pilote_demo_batch_add (ins->activities);
  const char *due_at, *created_at;
  char stamp[PILOTE_DEMO_STAMP_LEN];

  pilote_demo_format_stamp (demo, due, hour, minute, stamp);
  due_at = pilote_demo_batch_copy (ins->activities, stamp);
  if (done)
    created_at = due_at;
  else
    {
      pilote_demo_format_stamp (demo, created, 8, 30, stamp);
      created_at = pilote_demo_batch_copy (ins->activities, stamp);
    }

  pilote_demo_set_text (&row[0], created_at);
  pilote_demo_set_text (&row[1], created_at);
  pilote_demo_set_text (&row[2], info->kind);
  pilote_demo_set_int (&row[3], deal->client_id);
  pilote_demo_set_int (&row[4], deal->id);
  pilote_demo_set_int (&row[5], deal->owner_id);
  pilote_demo_set_text (&row[6], due_at);
  pilote_demo_set_text (&row[7], done ? due_at : NULL);
  pilote_demo_set_text (&row[8], subject);

  if (done && kind == 1)
    demo->meetings[deal->team][demo->month_of[due]]++;
}

static guint
stage_on (const PiloteDemo *demo,
          const Deal       *deal,
          guint             day)
{
  guint stage = 0;

  while (stage < 3 && stage_day (demo, deal, stage + 1) <= day)
    stage++;
  return stage;
}

/* Done activities along the deal's life (about two a deal, fewer in very
 * large files) and, while the deal is open, the next step: due in the
 * coming two weeks, or overdue. */
static void
add_activities (PiloteDemo  *demo,
                Inserter    *ins,
                const Deal  *deal,
                guint        last_change)
{
  PiloteDemoRandom *r = &demo->rng;
  guint end = deal->open ? demo->today : deal->closed;
  guint n_done = ins->activity_per_mille / 1000 +
                 pilote_demo_random_chance (r, (int) (ins->activity_per_mille % 1000));

  for (guint j = 0; j < n_done; j++)
    {
      guint span = work_days_between (demo, deal->created, end);
      guint day = MIN (add_work_days (demo, deal->created, span * (j + 1) / (n_done + 1)), end);
      guint stage = MIN (stage_on (demo, deal, day), deal->stage);
      guint kind = pilote_demo_random_weighted (r, stage_activities[stage], 5);

      add_activity (demo, ins, deal, kind, day, TRUE, day, 10 + j);
    }

  if (deal->open)
    {
      guint kind = pilote_demo_random_weighted (r, stage_activities[deal->stage], 5);
      guint due, hour;

      if (pilote_demo_random_chance (r, 700))
        due = demo->today + (guint) pilote_demo_random_range (r, 1, 14);
      else
        {
          guint late = (guint) pilote_demo_random_range (r, 1, 20);

          due = MAX (deal->created, demo->today - MIN (demo->today, late));
        }
      hour = 9 + pilote_demo_random_below (r, 8);
      add_activity (demo, ins, deal, kind, due, FALSE, MIN (due, last_change), hour);
    }
}

/* How long the deal takes, whether it is won, and when it closes (or
 * would): each rep, product and segment wins at its own rate, and clients
 * that bought before buy again more readily. */
static void
decide_outcome (PiloteDemo *demo,
                Deal       *deal,
                guint       segment,
                guint       rep,
                guint       product)
{
  PiloteDemoRandom *r = &demo->rng;
  int win;

  deal->cycle = (guint) segment_cycle_min[segment];
  deal->cycle += (guint) pilote_demo_random_range (r, 0, segment_cycle_spread[segment]);
  deal->cycle += (guint) pilote_demo_random_range (r, 0, segment_cycle_spread[segment]);
  /* the history starts with deals under way: the first ones close sooner */
  if (deal->created < 90)
    deal->cycle = MAX (20, deal->cycle * (30 + deal->created) / 120);
  deal->cycle = deal->cycle * 5 / 7;   /* in working days */

  win = 580 + pilote_demo_staff[PILOTE_DEMO_FIRST_REP + rep].skill +
        pilote_demo_products[product].win_adjust + segment_win[segment] +
        ((demo->client_flags[deal->client] & CLIENT_WON) ? 60 : -40);
  deal->won = pilote_demo_random_chance (r, CLAMP (win, 150, 900));
  if (deal->won)
    {
      deal->stage = PILOTE_DEMO_NEGOTIATION;
      deal->skip_negotiation = pilote_demo_random_chance (r, 150);
      deal->closed = season_close (demo, deal->created, stage_day (demo, deal, 4));
      demo->client_flags[deal->client] |= CLIENT_WON;
    }
  else
    {
      /* lost deals drop out at some stage */
      guint end;

      deal->stage = pilote_demo_random_weighted (r, lost_stage_weights, 4);
      end = MAX (7, deal->cycle * (guint) stage_enter[deal->stage + 1] / 1000);
      deal->closed = add_work_days (demo, deal->created, end);
    }
  deal->open = deal->closed > demo->today;

  /* an open deal is at the stage its age says */
  if (deal->open)
    {
      guint reached = 0;

      while (reached < deal->stage && stage_day (demo, deal, reached + 1) <= demo->today)
        reached++;
      deal->stage = reached;
    }
}

static const char *
fold_title (Inserter   *ins,
            const char *title)
{
  char *key = g_hash_table_lookup (ins->title_keys, title);

  if (key == NULL)
    {
      key = pilote_text_fold (title);
      g_hash_table_insert (ins->title_keys, g_strdup (title), key);
    }
  return key;
}

static void
add_deal (PiloteDemo *demo,
          Inserter   *ins,
          guint       index)
{
  PiloteDemoRandom *r = &demo->rng;
  Deal deal = { 0 };
  Line lines[3];
  guint n_lines, segment, rep, channel, last_change, expected;
  int competitor = -1, reason = -1;
  gint64 amount = 0, cost = 0;
  double probability = -1;
  const char *forecast = "pipeline";
  const char *created_at = NULL, *updated_at = NULL;
  PiloteDemoValue *row;
  char title[256];

  deal.id = demo->next_deal_id++;
  deal.client = demo->deal_client[index];
  deal.client_id = demo->client_ids[deal.client];
  deal.created = demo->deal_day[index];
  segment = demo->client_segment[deal.client];

  /* the client's owner, or now and then a colleague of the same team */
  rep = demo->client_rep[deal.client];
  deal.team = (guint) pilote_demo_staff[PILOTE_DEMO_FIRST_REP + rep].team;
  if (pilote_demo_random_chance (r, 80))
    rep = ins->team_reps[deal.team][pilote_demo_random_below (r, ins->n_team_reps[deal.team])];
  deal.owner_id = demo->staff[PILOTE_DEMO_FIRST_REP + rep];

  n_lines = draw_lines (demo, segment, lines);
  for (guint l = 0; l < n_lines; l++)
    {
      amount += compute_line_amount (&lines[l]);
      cost += (gint64) lines[l].quantity * lines[l].unit_cost;
    }
  decide_outcome (demo, &deal, segment, rep, lines[0].product);

  if (pilote_demo_random_chance (r, 250))
    competitor = (int) pilote_demo_random_below (r, PILOTE_DEMO_N_COMPETITORS);
  if (!deal.won)
    {
      reason = (int) pilote_demo_random_weighted (r, pilote_demo_lost_reason_weights,
                                                  PILOTE_DEMO_N_REASONS);
      if (competitor >= 0 && pilote_demo_random_chance (r, 500))
        reason = COMPETITOR;
      if (reason == COMPETITOR && competitor < 0)
        competitor = (int) pilote_demo_random_below (r, PILOTE_DEMO_N_COMPETITORS);
    }
  channel = pilote_demo_random_chance (r, 850)
              ? demo->client_channel[deal.client]
              : pilote_demo_random_below (r, PILOTE_DEMO_N_CHANNELS);
  deal.channel_id = demo->channels[channel];

  if (deal.open)
    {
      guint pick = pilote_demo_random_below (r, 100);

      expected = deal.won ? deal.closed : stage_day (demo, &deal, 4);
      expected = CLAMP (expected, demo->today + 7, demo->today + 120);
      if (deal.stage == PILOTE_DEMO_NEGOTIATION)
        forecast = pick < 55 ? "commit" : pick < 85 ? "best-case" : "pipeline";
      else if (deal.stage == PILOTE_DEMO_PROPOSAL)
        forecast = pick < 5 ? "commit" : pick < 40 ? "best-case" : "pipeline";
      if (pilote_demo_random_chance (r, 100))
        probability = probability_overrides[pilote_demo_random_below (
          r, G_N_ELEMENTS (probability_overrides))];
    }
  else
    {
      expected = MIN (stage_day (demo, &deal, 4), demo->today);
      if (deal.won)
        forecast = pilote_demo_random_chance (r, 600) ? "commit" : "best-case";
      else
        forecast = pilote_demo_random_chance (r, 700) ? "pipeline" : "best-case";
    }

  g_strlcpy (title, pilote_demo_products[lines[0].product].titles[pilote_demo_random_below (r, 2)],
             sizeof title);
  if (pilote_demo_random_chance (r, 450))
    {
      g_strlcat (title, " – ", sizeof title);
      g_strlcat (title, pilote_demo_sites[pilote_demo_random_below (r, pilote_demo_n_sites)],
                 sizeof title);
    }

  /* created as a lead, updated at its last stage change */
  last_change = deal.open ? stage_day (demo, &deal, deal.stage) : deal.closed;
  add_changes (demo, ins, &deal, &created_at, &updated_at);
  created_at = pilote_demo_batch_copy (ins->deals, created_at);
  updated_at = pilote_demo_batch_copy (ins->deals, updated_at);

  row = pilote_demo_batch_add (ins->deals);
  pilote_demo_set_int (&row[0], deal.id);
  pilote_demo_set_text (&row[1], created_at);
  pilote_demo_set_text (&row[2], updated_at);
  pilote_demo_set_int (&row[3], deal.client_id);
  pilote_demo_set_text (&row[4], pilote_demo_batch_copy (ins->deals, title));
  pilote_demo_set_int (&row[5], deal.owner_id);
  if (deal.open)
    {
      pilote_demo_set_int (&row[6], demo->stages[deal.stage]);
      pilote_demo_set_text (&row[7], "open");
    }
  else
    {
      pilote_demo_set_int (&row[6], demo->stages[deal.won ? PILOTE_DEMO_WON : PILOTE_DEMO_LOST]);
      pilote_demo_set_text (&row[7], deal.won ? "won" : "lost");
    }
  pilote_demo_set_int (&row[8], amount);
  pilote_demo_set_int (&row[9], cost);
  if (probability >= 0)
    pilote_demo_set_real (&row[10], probability);
  else
    pilote_demo_set_text (&row[10], NULL);
  pilote_demo_set_text (&row[11], forecast);
  pilote_demo_set_text (&row[12], pilote_demo_iso (demo, expected));
  pilote_demo_set_text (&row[13], pilote_demo_iso (demo, deal.created));
  pilote_demo_set_text (&row[14], deal.open ? NULL : pilote_demo_iso (demo, deal.closed));
  pilote_demo_set_int (&row[15], demo->channels[channel]);
  pilote_demo_set_id (&row[16], competitor >= 0 ? demo->competitors[competitor] : 0);
  pilote_demo_set_id (&row[17], reason >= 0 && !deal.open ? demo->reasons[reason] : 0);
  pilote_demo_set_text (&row[18], fold_title (ins, title));
  /* the day of its last stage change, given here so that no trigger
   * looks it up for each change */
  {
    char day[PILOTE_ISO_DATE_LEN];

    g_strlcpy (day, updated_at, sizeof day);
    pilote_demo_set_text (&row[19], pilote_demo_batch_copy (ins->deals, day));
  }

  if (n_lines > 0)
    created_at = pilote_demo_batch_copy (ins->lines, created_at);
  for (guint l = 0; l < n_lines; l++)
    {
      PiloteDemoValue *line = pilote_demo_batch_add (ins->lines);

      pilote_demo_set_text (&line[0], created_at);
      pilote_demo_set_text (&line[1], created_at);
      pilote_demo_set_int (&line[2], deal.id);
      pilote_demo_set_int (&line[3], demo->products[lines[l].product]);
      pilote_demo_set_real (&line[4], lines[l].quantity);
      pilote_demo_set_int (&line[5], lines[l].unit_price);
      pilote_demo_set_real (&line[6], lines[l].discount);
      pilote_demo_set_int (&line[7], lines[l].unit_cost);
    }

  add_activities (demo, ins, &deal, last_change);

  /* what the objectives and the spend are set from */
  if (!(demo->client_flags[deal.client] & CLIENT_SEEN))
    {
      demo->client_flags[deal.client] |= CLIENT_SEEN;
      demo->leads[demo->client_channel[deal.client]][demo->month_of[deal.created]]++;
    }
  if (deal.won && !deal.open)
    {
      demo->revenue[rep][demo->month_of[deal.closed]] += amount;
      if (deal.closed < demo->client_first_won[deal.client])
        demo->client_first_won[deal.client] = (guint16) deal.closed;
    }
}

/* the deals first: the other rows refer to them */
static gboolean
flush_chunk (Inserter  *ins,
             GError   **error)
{
  return pilote_demo_batch_flush (ins->deals, error) &&
         pilote_demo_batch_flush (ins->lines, error) &&
         pilote_demo_batch_flush (ins->changes, error) &&
         pilote_demo_batch_flush (ins->activities, error);
}

static void
clear_inserter (Inserter *ins)
{
  g_clear_pointer (&ins->deals, pilote_demo_batch_free);
  g_clear_pointer (&ins->lines, pilote_demo_batch_free);
  g_clear_pointer (&ins->changes, pilote_demo_batch_free);
  g_clear_pointer (&ins->activities, pilote_demo_batch_free);
  g_clear_pointer (&ins->title_keys, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Inserter, clear_inserter)

/* The trigger that keeps each deal's date of last stage change when a
 * change is written (schema version 10) only checks, here, what the deal
 * was given: it is dropped while the changes are written, and created
 * again in the same transaction. @sql: its SQL, %NULL when the file has
 * none. */
static gboolean
drop_change_trigger (PiloteDemo  *demo,
                     char       **sql,
                     GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  *sql = NULL;
  stmt = pilote_store_prepare (demo->store,
                               "SELECT sql FROM sqlite_schema WHERE type = 'trigger'"
                               " AND name = 'stage_change_insert'",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *sql = pilote_column_dup (stmt, 0);
  g_clear_pointer (&stmt, pilote_stmt_release);
  return *sql == NULL || pilote_store_exec (demo->store, "DROP TRIGGER stage_change_insert", error);
}

static gboolean
insert_all (PiloteDemo  *demo,
            GError     **error);

/**
 * pilote_demo_insert_deals:
 *
 * Inserts the planned deals with their lines, stage changes and
 * activities. Amounts are the sums of the lines, computed here as the
 * store would; nothing is read back.
 */
gboolean
pilote_demo_insert_deals (PiloteDemo  *demo,
                          GError     **error)
{
  g_autofree char *trigger = NULL;
  gboolean ok;

  if (!drop_change_trigger (demo, &trigger, error))
    return FALSE;
  ok = insert_all (demo, error);
  /* after a failure, the transaction is rolled back with the drop */
  if (ok && trigger != NULL)
    ok = pilote_store_exec (demo->store, trigger, error);
  return ok;
}

static gboolean
insert_all (PiloteDemo  *demo,
            GError     **error)
{
  g_auto(Inserter) ins = { 0 };

  ins.deals = pilote_demo_batch_new (demo,
                                     "INSERT OR FAIL INTO deal (id, created_at, updated_at,"
                                     " client_id, title, owner_id, stage_id, status, amount, cost,"
                                     " probability, forecast_category, expected_close_on,"
                                     " created_on, closed_on, channel_id, competitor_id,"
                                     " lost_reason_id, name_key, stage_changed_on) VALUES ",
                                     20, CHUNK, error);
  if (ins.deals == NULL)
    return FALSE;
  ins.lines = pilote_demo_batch_new (demo,
                                     "INSERT OR FAIL INTO deal_line (created_at, updated_at,"
                                     " deal_id, product_id, quantity, unit_price, discount,"
                                     " unit_cost) VALUES ",
                                     8, 3 * CHUNK, error);
  if (ins.lines == NULL)
    return FALSE;
  ins.changes = pilote_demo_batch_new (demo,
                                       "INSERT OR FAIL INTO stage_change (deal_id, from_stage_id,"
                                       " to_stage_id, changed_at, changed_by, owner_id,"
                                       " segment_id, client_id, channel_id) VALUES ",
                                       9, 6 * CHUNK, error);
  if (ins.changes == NULL)
    return FALSE;
  ins.activities = pilote_demo_batch_new (demo,
                                          "INSERT OR FAIL INTO activity (created_at,"
                                          " updated_at, kind, client_id, deal_id, owner_id,"
                                          " due_at, done_at, subject) VALUES ",
                                          9, 3 * CHUNK, error);
  if (ins.activities == NULL)
    return FALSE;

  ins.title_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint s = PILOTE_DEMO_FIRST_REP; s < PILOTE_DEMO_N_STAFF; s++)
    {
      guint team = (guint) pilote_demo_staff[s].team;

      ins.team_reps[team][ins.n_team_reps[team]++] = s - PILOTE_DEMO_FIRST_REP;
    }
  ins.activity_per_mille = demo->n_deals == 0
                             ? 0
                             : (guint) MIN (2000, (guint64) ACTIVITY_CAP * 1000 / demo->n_deals);

  for (guint i = 0; i < demo->n_deals; i++)
    {
      add_deal (demo, &ins, i);
      if ((i + 1) % CHUNK == 0 && !flush_chunk (&ins, error))
        return FALSE;
    }
  return flush_chunk (&ins, error);
}
