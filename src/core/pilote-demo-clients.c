/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include "pilote-demo-private.h"
#include "pilote-store-private.h"
#include "pilote-text.h"

/* The clients of the demonstration company. Its town decides a client's
 * team, and the team's reps share the clients. Each client buys at its
 * own pace (large accounts most often) and some stop buying after a
 * while. Each is created a little before its first deal; the prospects
 * that have no deal yet came in at any time, more of them lately. */

/* how often each segment buys: small business, mid-market, enterprise, public sector */
static const guint8 segment_appetite[PILOTE_DEMO_N_SEGMENTS] = { 2, 3, 5, 4 };

/**
 * pilote_demo_draw_clients:
 *
 * Draws what the deals depend on: each client's segment, town, owner,
 * channel, appetite and lifetime.
 */
void
pilote_demo_draw_clients (PiloteDemo *demo)
{
  PiloteDemoRandom *r = &demo->rng;
  g_autofree guint8 *city_weights = g_new (guint8, pilote_demo_n_cities);
  guint8 rep_weights[PILOTE_DEMO_N_TEAMS][PILOTE_DEMO_N_REPS] = { { 0 } };

  for (guint c = 0; c < pilote_demo_n_cities; c++)
    city_weights[c] = pilote_demo_cities[c].weight;
  for (guint rep = 0; rep < PILOTE_DEMO_N_REPS; rep++)
    {
      const PiloteDemoPerson *person = &pilote_demo_staff[PILOTE_DEMO_FIRST_REP + rep];

      rep_weights[person->team][rep] = person->load;
    }

  for (guint c = 0; c < demo->n_clients; c++)
    {
      guint segment =
        pilote_demo_random_weighted (r, pilote_demo_segment_weights, PILOTE_DEMO_N_SEGMENTS);
      guint city = pilote_demo_random_weighted (r, city_weights, pilote_demo_n_cities);
      guint team = pilote_demo_cities[city].team;
      guint rep = pilote_demo_random_weighted (r, rep_weights[team], PILOTE_DEMO_N_REPS);
      guint channel =
        pilote_demo_random_weighted (r, pilote_demo_channel_weights, PILOTE_DEMO_N_CHANNELS);
      guint appetite = segment_appetite[segment] * (1 + pilote_demo_random_below (r, 3));

      demo->client_segment[c] = (guint8) segment;
      demo->client_city[c] = (guint8) city;
      demo->client_rep[c] = (guint8) rep;
      demo->client_channel[c] = (guint8) channel;
      demo->client_appetite[c] = (guint8) appetite;
      /* a third stop buying within two years */
      if (pilote_demo_random_chance (r, 330))
        demo->client_lifetime[c] = (guint16) pilote_demo_random_range (r, 120, 720);
      else
        demo->client_lifetime[c] = G_MAXUINT16;
    }
}

/* Names repeat in a large file: another draw first, then the town (for
 * names that do not already hold it), then a number. */
static void
make_unique_name (PiloteDemo             *demo,
                  GHashTable             *names,
                  PiloteDemoSegment       segment,
                  const PiloteDemoCity   *city,
                  char                   *name,
                  gsize                   size,
                  const char            **sector)
{
  gsize len;

  for (guint attempt = 0; attempt < 12; attempt++)
    {
      pilote_demo_make_client_name (&demo->rng, segment, city, name, size, sector);
      if (!g_hash_table_contains (names, name))
        {
          g_hash_table_add (names, g_strdup (name));
          return;
        }
      if (attempt >= 4 && strstr (name, city->name) == NULL)
        break;
    }

  if (strstr (name, city->name) == NULL)
    {
      g_strlcat (name, " (", size);
      g_strlcat (name, city->name, size);
      g_strlcat (name, ")", size);
    }
  len = strlen (name);
  for (guint n = 2; g_hash_table_contains (names, name); n++)
    g_snprintf (name + len, size - len, " %u", n);
  g_hash_table_add (names, g_strdup (name));
}

static void
add_contacts (PiloteDemo            *demo,
              PiloteDemoBatch       *contacts,
              gint64                 client_id,
              const char            *client_name,
              const PiloteDemoCity  *city,
              guint                  n_contacts,
              const char            *stamp)
{
  for (guint k = 0; k < n_contacts; k++)
    {
      PiloteDemoValue *row = pilote_demo_batch_add (contacts);
      g_autofree char *key = NULL;
      char name[128], email[128], phone[128];
      const char *job_title;

      pilote_demo_make_contact (&demo->rng, client_name, city, name, email, phone, &job_title,
                                sizeof name);
      key = pilote_text_fold (name);
      pilote_demo_set_text (&row[0], pilote_demo_batch_copy (contacts, stamp));
      pilote_demo_set_text (&row[1], row[0].s);
      pilote_demo_set_int (&row[2], client_id);
      pilote_demo_set_text (&row[3], pilote_demo_batch_copy (contacts, name));
      pilote_demo_set_text (&row[4], job_title);
      pilote_demo_set_text (&row[5], pilote_demo_batch_copy (contacts, email));
      pilote_demo_set_text (&row[6], pilote_demo_batch_copy (contacts, phone));
      pilote_demo_set_text (&row[7], pilote_demo_batch_copy (contacts, key));
    }
}

#define CHUNK 64   /* clients generated, then inserted, at a time */

/**
 * pilote_demo_insert_clients:
 *
 * Inserts the clients, as prospects, with one or two contacts each.
 */
gboolean
pilote_demo_insert_clients (PiloteDemo  *demo,
                            GError     **error)
{
  PiloteDemoRandom *r = &demo->rng;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PiloteDemoBatch) clients = NULL;
  g_autoptr(PiloteDemoBatch) contacts = NULL;

  clients = pilote_demo_batch_new (demo,
                                   "INSERT OR FAIL INTO client (id, created_at, updated_at, name,"
                                   " segment_id, sector, region, country, city, channel_id,"
                                   " owner_id, tags, name_key) VALUES ",
                                   13, CHUNK, error);
  if (clients == NULL)
    return FALSE;
  contacts = pilote_demo_batch_new (demo,
                                    "INSERT OR FAIL INTO contact (created_at, updated_at,"
                                    " client_id, name, job_title, email, phone, name_key)"
                                    " VALUES ",
                                    8, 2 * CHUNK, error);
  if (contacts == NULL)
    return FALSE;

  for (guint c = 0; c < demo->n_clients; c++)
    {
      PiloteDemoSegment segment = demo->client_segment[c];
      const PiloteDemoCity *city = &pilote_demo_cities[demo->client_city[c]];
      PiloteDemoValue *row;
      g_autofree char *key = NULL;
      const char *sector, *tags = NULL;
      guint created, n_contacts;
      char name[256], stamp[PILOTE_DEMO_STAMP_LEN];

      make_unique_name (demo, names, segment, city, name, sizeof name, &sector);
      key = pilote_text_fold (name);
      if (demo->client_first_deal[c] != PILOTE_DEMO_NO_DAY)
        {
          guint ahead = pilote_demo_random_below (r, 45);

          created = demo->client_first_deal[c] - MIN (demo->client_first_deal[c], ahead);
        }
      else
        {
          guint one = pilote_demo_random_below (r, demo->today + 1);
          guint other = pilote_demo_random_below (r, demo->today + 1);

          created = MAX (one, other);
        }
      pilote_demo_stamp_on (demo, created, stamp);
      if (segment == PILOTE_DEMO_ENTERPRISE)
        tags = "grand compte";
      else if (segment == PILOTE_DEMO_PUBLIC)
        tags = "marché public";
      n_contacts = 1 + (segment != PILOTE_DEMO_SMALL && pilote_demo_random_chance (r, 500));

      demo->client_ids[c] = demo->next_client_id++;
      row = pilote_demo_batch_add (clients);
      pilote_demo_set_int (&row[0], demo->client_ids[c]);
      pilote_demo_set_text (&row[1], pilote_demo_batch_copy (clients, stamp));
      pilote_demo_set_text (&row[2], row[1].s);
      pilote_demo_set_text (&row[3], pilote_demo_batch_copy (clients, name));
      pilote_demo_set_int (&row[4], demo->segments[segment]);
      pilote_demo_set_text (&row[5], sector);
      pilote_demo_set_text (&row[6], city->region);
      pilote_demo_set_text (&row[7], city->country);
      pilote_demo_set_text (&row[8], city->name);
      pilote_demo_set_int (&row[9], demo->channels[demo->client_channel[c]]);
      pilote_demo_set_int (&row[10], demo->staff[PILOTE_DEMO_FIRST_REP + demo->client_rep[c]]);
      pilote_demo_set_text (&row[11], tags);
      pilote_demo_set_text (&row[12], pilote_demo_batch_copy (clients, key));
      add_contacts (demo, contacts, demo->client_ids[c], name, city, n_contacts, stamp);

      /* the clients first: the contacts refer to them */
      if ((c + 1) % CHUNK == 0 &&
          (!pilote_demo_batch_flush (clients, error) || !pilote_demo_batch_flush (contacts, error)))
        return FALSE;
    }
  return pilote_demo_batch_flush (clients, error) && pilote_demo_batch_flush (contacts, error);
}

/**
 * pilote_demo_update_clients:
 *
 * Does what pilote_client_refresh_acquisition () does for one client, for
 * all at once: a client's acquisition date is the date of its first won
 * deal, and a prospect becomes a client with it. A client that has bought
 * nothing for 18 months is a former client. (None of the deals is deleted:
 * leaving deleted_at out lets SQLite read an index alone.)
 */
gboolean
pilote_demo_update_clients (PiloteDemo  *demo,
                            GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (demo->store,
                               "UPDATE client SET acquired_on = won.first_won,"
                               " kind = CASE WHEN won.last_won < ?1 THEN 'former' ELSE 'client' END"
                               " FROM (SELECT client_id, min (closed_on) AS first_won,"
                               "   max (closed_on) AS last_won FROM deal"
                               "   WHERE status = 'won' AND client_id IS NOT NULL"
                               "   GROUP BY client_id) AS won"
                               " WHERE client.id = won.client_id",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pilote_demo_iso (demo, demo->today - MIN (demo->today, 548)), 10,
                     SQLITE_STATIC);
  return pilote_store_step_done (demo->store, stmt, error);
}
