/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The lists every new file starts with: pipeline stages, acquisition
 * channels and lost reasons. The schema writes them in English; a new file
 * is then named in the language of the person who creates it, in the same
 * transaction. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pilote-store-private.h"

/* as seeded by the schema: the open stages in order, then won and lost */
const char *const pilote_default_stages[PILOTE_DEFAULT_N_STAGES] = {
  NC_("pipeline stage", "Lead"), NC_("pipeline stage", "Qualified"),
  NC_("pipeline stage", "Proposal"), NC_("pipeline stage", "Negotiation"),
  NC_("pipeline stage", "Won"), NC_("pipeline stage", "Lost"),
};

const char *const pilote_default_channels[PILOTE_DEFAULT_N_CHANNELS] = {
  NC_("acquisition channel", "Website"), NC_("acquisition channel", "Referral"),
  NC_("acquisition channel", "Trade show"), NC_("acquisition channel", "Outbound"),
  NC_("acquisition channel", "Partner"),
};

const char *const pilote_default_lost_reasons[PILOTE_DEFAULT_N_LOST_REASONS] = {
  NC_("lost reason", "Price"), NC_("lost reason", "Competitor"),
  NC_("lost reason", "No budget"), NC_("lost reason", "No decision"),
  NC_("lost reason", "Timing"), NC_("lost reason", "Product fit"),
};

static gboolean
rename_all (sqlite3            *db,
            const char         *sql,
            const char         *context,
            const char *const  *names,
            guint               n_names,
            GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < n_names; i++)
    {
      const char *translated = g_dpgettext2 (GETTEXT_PACKAGE, context, names[i]);

      if (g_str_equal (translated, names[i]))
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, names[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, translated, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  if (rc != SQLITE_OK)
    pilote_sqlite_set_error (db, sqlite3_extended_errcode (db), error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/**
 * pilote_store_name_defaults:
 *
 * Renames the stages, channels and lost reasons a new file was seeded
 * with as the user's language calls them. Inside the transaction that
 * creates the file.
 */
gboolean
pilote_store_name_defaults (sqlite3  *db,
                            GError  **error)
{
  return rename_all (db, "UPDATE stage SET name = ?2, name_key = pilote_fold (?2) WHERE name = ?1",
                     "pipeline stage", pilote_default_stages, PILOTE_DEFAULT_N_STAGES, error) &&
         rename_all (db, "UPDATE channel SET name = ?2, name_key = pilote_fold (?2) WHERE name = ?1",
                     "acquisition channel", pilote_default_channels, PILOTE_DEFAULT_N_CHANNELS,
                     error) &&
         rename_all (db,
                     "UPDATE lost_reason SET name = ?2, name_key = pilote_fold (?2) WHERE name = ?1",
                     "lost reason", pilote_default_lost_reasons, PILOTE_DEFAULT_N_LOST_REASONS,
                     error);
}
