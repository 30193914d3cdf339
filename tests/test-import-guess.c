/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-test"

#include "config.h"

#include "pilote-import-guess.h"
#include "pilote-import-mapping.h"

/*
 * Which field a column feeds, guessed from headers written in English and
 * in French, the way spreadsheets and CRM exports write them; and a
 * profile read back field by field, as the import assistant shows it.
 */

static void
assert_guess (PiloteEntity  entity,
              const char   *header,
              const char   *field)
{
  const char *guessed = pilote_import_guess_field (entity, header);

  if (g_strcmp0 (guessed, field) != 0)
    g_error ("“%s” was taken for %s, not %s", header, guessed ? guessed : "nothing",
             field ? field : "nothing");
}

static void
test_guess_french (void)
{
  assert_guess (PILOTE_ENTITY_CLIENT, "Nom", "name");
  assert_guess (PILOTE_ENTITY_CLIENT, "Raison sociale", "name");
  assert_guess (PILOTE_ENTITY_CLIENT, "  RAISON   SOCIALE ", "name");
  assert_guess (PILOTE_ENTITY_CLIENT, "Ville", "city");
  assert_guess (PILOTE_ENTITY_CLIENT, "Secteur d'activité", "sector");
  assert_guess (PILOTE_ENTITY_CLIENT, "Secteur d’activité", "sector");
  assert_guess (PILOTE_ENTITY_CLIENT, "Pays", "country");
  assert_guess (PILOTE_ENTITY_CLIENT, "Commercial", "owner");
  assert_guess (PILOTE_ENTITY_CONTACT, "Téléphone", "phone");
  assert_guess (PILOTE_ENTITY_CONTACT, "Courriel", "email");
  assert_guess (PILOTE_ENTITY_CONTACT, "Société", "client");
  assert_guess (PILOTE_ENTITY_CONTACT, "Fonction", "job_title");
  assert_guess (PILOTE_ENTITY_DEAL, "Montant", "amount");
  assert_guess (PILOTE_ENTITY_DEAL, "Date de clôture", "closed_on");
  assert_guess (PILOTE_ENTITY_DEAL, "Date de clôture prévue", "expected_close_on");
  assert_guess (PILOTE_ENTITY_DEAL, "Étape", "stage");
  assert_guess (PILOTE_ENTITY_DEAL, "Motif de perte", "lost_reason");
  assert_guess (PILOTE_ENTITY_DEAL, "Quantité", "quantity");
  assert_guess (PILOTE_ENTITY_PRODUCT, "Prix unitaire", "unit_price");
  assert_guess (PILOTE_ENTITY_PRODUCT, "Désignation", "name");
  assert_guess (PILOTE_ENTITY_ACTIVITY, "Échéance", "due_at");
  assert_guess (PILOTE_ENTITY_SPEND, "Campagne", "campaign");
  assert_guess (PILOTE_ENTITY_SPEND, "Mois", "month");
  assert_guess (PILOTE_ENTITY_OBJECTIVE, "Objectif", "target");
}

static void
test_guess_english (void)
{
  /* the shared data set's headers */
  assert_guess (PILOTE_ENTITY_CLIENT, "account", "name");
  assert_guess (PILOTE_ENTITY_CLIENT, "sector", "sector");
  assert_guess (PILOTE_ENTITY_CLIENT, "office_location", "country");
  assert_guess (PILOTE_ENTITY_CLIENT, "year_established", NULL);
  assert_guess (PILOTE_ENTITY_CLIENT, "revenue", NULL);
  assert_guess (PILOTE_ENTITY_MEMBER, "sales_agent", "name");
  assert_guess (PILOTE_ENTITY_MEMBER, "manager", "team");
  assert_guess (PILOTE_ENTITY_MEMBER, "regional_office", "office");
  assert_guess (PILOTE_ENTITY_DEAL, "opportunity_id", "ref");
  assert_guess (PILOTE_ENTITY_DEAL, "sales_agent", "owner");
  assert_guess (PILOTE_ENTITY_DEAL, "account", "client");
  assert_guess (PILOTE_ENTITY_DEAL, "deal_stage", "stage");
  assert_guess (PILOTE_ENTITY_DEAL, "engage_date", "created_on");
  assert_guess (PILOTE_ENTITY_DEAL, "close_date", "closed_on");
  assert_guess (PILOTE_ENTITY_DEAL, "close_value", "amount");
  assert_guess (PILOTE_ENTITY_PRODUCT, "series", "category");
  assert_guess (PILOTE_ENTITY_PRODUCT, "sales_price", "unit_price");
  /* a header that spells the field */
  assert_guess (PILOTE_ENTITY_DEAL, "expected_close_on", "expected_close_on");
  assert_guess (PILOTE_ENTITY_CONTACT, "E-mail", "email");
  assert_guess (PILOTE_ENTITY_CONTACT, "Phone Number", "phone");
  /* fields of other entities are never guessed */
  assert_guess (PILOTE_ENTITY_TEAM, "Amount", NULL);
  assert_guess (PILOTE_ENTITY_CLIENT, "", NULL);
  assert_guess (PILOTE_ENTITY_CLIENT, "Favourite colour", NULL);
}

static void
test_guess_profile (void)
{
  const char *headers[] = { "Raison sociale", "Nom", "Ville", "Commercial", "Remarques" };
  g_autoptr(PiloteImportProfile) profile = pilote_import_profile_new (PILOTE_ENTITY_CLIENT);
  g_autoptr(PiloteImportProfile) copy = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  PiloteEntity link;

  /* a field is fed by the first column that fits it */
  g_assert_cmpuint (pilote_import_guess_profile (profile, headers, G_N_ELEMENTS (headers)), ==, 4);
  g_assert_cmpstr (pilote_import_profile_get_column (profile, "name"), ==, "Raison sociale");
  g_assert_cmpstr (pilote_import_profile_get_column (profile, "city"), ==, "Ville");
  g_assert_cmpstr (pilote_import_profile_get_column (profile, "owner"), ==, "Commercial");
  g_assert_cmpstr (pilote_import_profile_get_column (profile, "notes"), ==, "Remarques");

  pilote_import_profile_set_create_missing (profile, "owner", TRUE);
  pilote_import_profile_add_alias (profile, "owner", "JD", "Jeanne Dupont");
  copy = pilote_import_profile_copy (profile);
  pilote_import_profile_set_column (profile, "city", NULL);
  g_assert_cmpstr (pilote_import_profile_get_column (copy, "city"), ==, "Ville");
  g_assert_true (pilote_import_profile_get_create_missing (copy, "owner"));
  aliases = pilote_import_profile_get_aliases (copy, "owner");
  g_assert_cmpuint (aliases->len, ==, 1);
  g_assert_cmpstr (((PiloteImportAlias *) aliases->pdata[0])->from, ==, "jd");
  g_assert_cmpstr (((PiloteImportAlias *) aliases->pdata[0])->to, ==, "Jeanne Dupont");
  pilote_import_profile_remove_alias (copy, "owner", "JD");
  g_clear_pointer (&aliases, g_ptr_array_unref);
  aliases = pilote_import_profile_get_aliases (copy, "owner");
  g_assert_cmpuint (aliases->len, ==, 0);

  /* what the assistant says of fields */
  g_assert_true (pilote_import_field_is_required (PILOTE_ENTITY_CLIENT, "name"));
  g_assert_false (pilote_import_field_is_required (PILOTE_ENTITY_CLIENT, "city"));
  g_assert_true (pilote_import_field_is_required (PILOTE_ENTITY_CONTACT, "client"));
  g_assert_false (pilote_import_field_is_required (PILOTE_ENTITY_DEAL, "title"));
  g_assert_true (pilote_import_field_get_link (PILOTE_ENTITY_CLIENT, "owner", &link));
  g_assert_cmpint (link, ==, PILOTE_ENTITY_MEMBER);
  g_assert_true (pilote_import_field_get_link (PILOTE_ENTITY_DEAL, "product", &link));
  g_assert_cmpint (link, ==, PILOTE_ENTITY_PRODUCT);
  g_assert_false (pilote_import_field_get_link (PILOTE_ENTITY_CLIENT, "city", NULL));
  g_assert_cmpstr (pilote_import_field_label (PILOTE_ENTITY_CLIENT, "channel"), ==,
                   "Acquisition channel");
  g_assert_cmpstr (pilote_import_field_label (PILOTE_ENTITY_DEAL, "expected_close_on"), ==,
                   "Expected close date");
  g_assert_cmpstr (pilote_import_field_label (PILOTE_ENTITY_DEAL, "line_profit"), ==,
                   "Line profit");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-guess/french", test_guess_french);
  g_test_add_func ("/import-guess/english", test_guess_english);
  g_test_add_func ("/import-guess/profile", test_guess_profile);
  return g_test_run ();
}
