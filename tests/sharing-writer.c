/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pilote-error.h"
#include "pilote-record.h"
#include "pilote-store-private.h"

/* One of the people sharing a file, for test-sharing: commits COUNT
 * transactions of one client and one deal each (0: until killed), and
 * prints the client's id once its transaction is committed.
 *
 *   sharing-writer FILE COUNT TAG [network]
 *
 * "network" opens the file as if it lived on a network share (rollback
 * journal). Any error is printed on stderr, with exit status 1. */

static gboolean
write_one (PiloteStore *store,
           const char  *tag,
           guint        n,
           gint64       stage_id,
           gint64      *client_id,
           GError     **error)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();

  if (!pilote_store_begin_write (store, error))
    return FALSE;
  client->name = g_strdup_printf ("%s client %u", tag, n);
  if (!pilote_store_insert (store, client, error))
    goto fail;
  deal->client_id = client->base.id;
  deal->title = g_strdup_printf ("%s deal %u", tag, n);
  deal->stage_id = stage_id;
  deal->amount = 1000 + n;
  if (!pilote_store_insert (store, deal, error))
    goto fail;
  if (!pilote_store_commit (store, error))
    return FALSE;
  *client_id = client->base.id;
  return TRUE;

fail:
  pilote_store_rollback (store);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GError) error = NULL;
  PiloteLocation network = { PILOTE_LOCATION_NETWORK, NULL, NULL, NULL };
  PiloteLocation local = { PILOTE_LOCATION_LOCAL, NULL, NULL, NULL };
  PiloteQuery first = { NULL, 0, NULL, NULL, FALSE, 1, 0, FALSE };
  guint count;

  if (argc < 4)
    {
      fprintf (stderr, "usage: sharing-writer FILE COUNT TAG [network]\n");
      return 2;
    }
  count = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  store = pilote_store_open_at (argv[1], PILOTE_STORE_OPEN_DEFAULT,
                                argc > 4 && g_str_equal (argv[4], "network") ? &network
                                                                             : &local,
                                &error);
  /* eight writers on two busy cores, under a sanitizer: one may wait for
   * the lock longer than the ten seconds a user waits before being told;
   * the load test checks that nothing is lost or half-written */
  if (store != NULL)
    pilote_store_set_busy_timeout (store, 120000);
  if (store != NULL)
    stages = pilote_store_list (store, PILOTE_ENTITY_STAGE, &first, &error);
  if (stages == NULL || stages->len == 0)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "no stage");
      return 1;
    }

  for (guint n = 0; count == 0 || n < count; n++)
    {
      gint64 id = 0;

      if (!write_one (store, argv[3], n, ((PiloteRecord *) g_ptr_array_index (stages, 0))->id,
                      &id, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      /* acknowledged: committed for good */
      printf ("%" G_GINT64_FORMAT "\n", id);
      fflush (stdout);
      /* a person saves, then works a little before saving again: without
       * this pause, whoever just committed would always take the lock
       * back first (SQLite's locks keep no queue) */
      g_usleep (g_random_int_range (0, 1000));
    }
  return 0;
}
