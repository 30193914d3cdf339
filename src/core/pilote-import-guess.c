/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pilote-import-guess.h"
#include "pilote-record-private.h"
#include "pilote-text.h"

/* Which field a column feeds, guessed from its header as spreadsheets and
 * CRM exports write it, in English and in French; and what the fields are
 * called on screen. */

#define ANY PILOTE_N_ENTITIES

/* Headers are compared folded (no case, accents or extra spaces), with
 * '_', '-', '.', '/' and apostrophes read as spaces. The entries for one
 * entity come before the ones for any entity. */
static const struct {
  PiloteEntity  entity;
  const char   *field;
  const char   *headers;   /* '|' between the spellings */
} synonyms[] = {
  { PILOTE_ENTITY_CLIENT, "name",
    "name|nom|account|account name|compte|nom du compte|client|nom du client|nom client|"
    "customer|customer name|company|company name|societe|nom de la societe|entreprise|"
    "raison sociale|organisation|organization|denomination" },
  { PILOTE_ENTITY_CLIENT, "ref",
    "client id|customer id|account id|code client|numero client|numero de client" },
  { PILOTE_ENTITY_PRODUCT, "ref", "product id|code produit|code article|sku" },
  { PILOTE_ENTITY_CLIENT, "country", "country|pays|office location" },
  { PILOTE_ENTITY_CLIENT, "kind", "kind|type|type de client|client type|statut|status" },
  { PILOTE_ENTITY_CONTACT, "name",
    "name|nom|contact|contact name|nom du contact|full name|nom complet|prenom nom|"
    "interlocuteur" },
  { PILOTE_ENTITY_CONTACT, "job_title", "job title|title|titre|position|fonction|poste|role" },
  { PILOTE_ENTITY_PRODUCT, "name",
    "name|nom|product|product name|produit|nom du produit|article|designation|libelle" },
  { PILOTE_ENTITY_TEAM, "name", "name|nom|team|team name|equipe|nom de l equipe" },
  { PILOTE_ENTITY_MEMBER, "name",
    "name|nom|member|sales agent|sales rep|rep|agent|commercial|vendeur|nom du commercial|"
    "collaborateur|full name|nom complet" },
  { PILOTE_ENTITY_MEMBER, "team", "team|equipe|manager|responsable|chef d equipe" },
  { PILOTE_ENTITY_DEAL, "title",
    "title|titre|name|nom|deal|deal name|opportunity|opportunity name|opportunite|affaire|"
    "nom de l affaire|intitule" },
  { PILOTE_ENTITY_DEAL, "stage",
    "stage|deal stage|sales stage|etape|etape de vente|phase|statut|status" },
  { PILOTE_ENTITY_DEAL_LINE, "deal",
    "deal|deal ref|opportunity|opportunity id|opportunite|affaire|order|order id|commande|"
    "numero de commande" },
  { PILOTE_ENTITY_ACTIVITY, "kind", "kind|type|activity type|type d activite|nature" },
  { PILOTE_ENTITY_ACTIVITY, "subject", "subject|objet|sujet|title|titre|intitule" },
  { PILOTE_ENTITY_ACTIVITY, "due_at",
    "due|due at|due date|date|echeance|date d echeance|prevu le|date prevue|scheduled|"
    "scheduled at|planned|planifie le" },
  { PILOTE_ENTITY_ACTIVITY, "deal", "deal|opportunity|opportunite|affaire" },
  { PILOTE_ENTITY_SPEND, "kind", "kind|type|nature|type de depense" },
  { PILOTE_ENTITY_SPEND, "month", "month|mois|period|periode|date" },
  { PILOTE_ENTITY_OBJECTIVE, "status", "status|statut|etat" },

  { ANY, "ref",
    "ref|reference|id|code|external id|external ref|identifiant|id externe|numero|no|"
    "opportunity id|order id" },
  { ANY, "client",
    "client|customer|account|compte|societe|entreprise|company|raison sociale|client name|"
    "customer name|account name|nom du client|nom client|client id|customer id|account id|"
    "code client" },
  { ANY, "owner",
    "owner|proprietaire|responsable|sales agent|sales rep|rep|commercial|vendeur|assigned to|"
    "attribue a|account owner|charge d affaires|charge de clientele|suivi par" },
  { ANY, "manager", "manager|responsable|chef d equipe|directeur|manager name" },
  { ANY, "office", "office|regional office|bureau|agence|site|etablissement|implantation" },
  { ANY, "email",
    "email|e mail|mail|courriel|adresse email|adresse e mail|adresse electronique|"
    "email address|adresse courriel" },
  { ANY, "phone",
    "phone|telephone|tel|mobile|portable|phone number|numero de telephone|cell|gsm" },
  { ANY, "role", "role|fonction|job" },
  { ANY, "active", "active|actif|enabled|en activite|is active" },
  { ANY, "segment", "segment|segment client|customer segment|taille|size" },
  { ANY, "sector", "sector|secteur|secteur d activite|industry|industrie|branche" },
  { ANY, "region", "region|zone|territory|territoire|area" },
  { ANY, "country", "country|pays" },
  { ANY, "city", "city|ville|town|localite|commune" },
  { ANY, "channel",
    "channel|canal|source|lead source|origine|provenance|canal d acquisition|"
    "acquisition channel|canal de vente" },
  { ANY, "tags", "tags|tag|etiquettes|etiquette|labels|mots cles" },
  { ANY, "notes",
    "notes|note|comment|comments|commentaire|commentaires|remarques|remarque|observations" },
  { ANY, "category", "category|categorie|famille|series|serie|gamme|product category" },
  { ANY, "subcategory",
    "subcategory|sub category|sous categorie|sous famille|product subcategory" },
  { ANY, "unit_price",
    "unit price|price|prix|prix unitaire|sales price|prix de vente|pu|pu ht|tarif|list price|"
    "prix catalogue|prix unitaire ht" },
  { ANY, "unit_cost",
    "unit cost|cost price|cout unitaire|prix d achat|cout d achat|prix de revient|pa" },
  { ANY, "amount",
    "amount|montant|value|valeur|close value|deal value|deal amount|montant ht|total|"
    "chiffre d affaires|ca|montant de l affaire" },
  { ANY, "cost", "cost|cout|cout total|cost of sales|cout des ventes|cout de revient" },
  { ANY, "probability", "probability|probabilite|proba|chance|chances" },
  { ANY, "forecast_category",
    "forecast category|forecast|categorie de prevision|prevision|categorie de prevision" },
  { ANY, "expected_close_on",
    "expected close|expected close date|expected close on|estimated close date|"
    "date de cloture prevue|cloture prevue|date de signature prevue|date prevue" },
  { ANY, "created_on",
    "created on|created|created date|creation date|date de creation|engage date|"
    "engaged on|engaged|date d engagement|cree le|date d ouverture|opened on|open date" },
  { ANY, "closed_on",
    "closed on|close date|closing date|closed|date de cloture|cloture le|cloture|"
    "date de fermeture|ferme le" },
  { ANY, "outcome", "outcome|result|resultat|issue|won lost|gagne perdu" },
  { ANY, "won_on", "won on|won date|date won|date de gain|gagne le|signed on|signe le|"
    "date de signature" },
  { ANY, "lost_on", "lost on|lost date|date lost|perdu le|date de perte" },
  { ANY, "competitor", "competitor|concurrent|competition|concurrence|main competitor" },
  { ANY, "lost_reason",
    "lost reason|loss reason|reason lost|reason|motif de perte|raison de la perte|"
    "cause de perte|motif|raison" },
  { ANY, "product",
    "product|produit|article|item|product name|nom du produit|designation|product id|"
    "code produit|sku" },
  { ANY, "quantity", "quantity|qty|quantite|qte|units|unites|nombre" },
  { ANY, "discount", "discount|remise|rabais|reduction|escompte" },
  { ANY, "line_amount",
    "line total|line amount|total ligne|montant ligne|montant de la ligne|total ht" },
  { ANY, "line_cost", "line cost|cout ligne|cout de la ligne" },
  { ANY, "line_profit",
    "line profit|profit|marge|marge ligne|margin|gross margin|benefice|marge brute" },
  { ANY, "deal", "deal|opportunity|opportunite|affaire" },
  { ANY, "done_at",
    "done|done at|done on|completed|completed on|completed at|fait le|realise le|"
    "date de realisation|termine le" },
  { ANY, "metric", "metric|indicateur|kpi|mesure" },
  { ANY, "period_kind", "period|periode|period kind|type de periode|periodicite" },
  { ANY, "period_start",
    "period start|start|start date|debut|debut de periode|date de debut|from|du" },
  { ANY, "scope", "scope|perimetre|portee|niveau" },
  { ANY, "scope_name",
    "scope name|team or member|equipe ou commercial|equipe ou membre|for|pour|assigned" },
  { ANY, "target", "target|objectif|cible|goal|valeur cible|quota" },
  { ANY, "description", "description|libelle|intitule|objective|texte" },
  { ANY, "due_on", "due on|due date|due|echeance|date limite|date d echeance" },
  { ANY, "progress", "progress|avancement|progression|%|percent|pourcentage" },
  { ANY, "status", "status|statut|etat" },
  { ANY, "campaign", "campaign|campagne|operation|campaign name|nom de la campagne" },
};

/* The header as it is compared: folded, separators read as spaces */
static char *
normalize_header (const char *header)
{
  g_autofree char *spaced = NULL;
  char *p;

  if (header == NULL)
    return NULL;
  spaced = g_strdup (header);
  for (p = spaced; *p != '\0'; p++)
    if (strchr ("_-./'():#", *p) != NULL)
      *p = ' ';
  /* the typographic apostrophe of French headers ("date d’échéance") */
  while ((p = strstr (spaced, "\xe2\x80\x99")) != NULL)
    memcpy (p, "   ", 3);
  return pilote_text_fold (spaced);
}

static gboolean
is_spelled (const char *headers,
            const char *wanted)
{
  gsize len = strlen (wanted);
  const char *p = headers;

  while (p != NULL && *p != '\0')
    {
      const char *end = strchr (p, '|');
      gsize n = end != NULL ? (gsize) (end - p) : strlen (p);

      if (n == len && strncmp (p, wanted, len) == 0)
        return TRUE;
      p = end != NULL ? end + 1 : NULL;
    }
  return FALSE;
}

/**
 * pilote_import_guess_field:
 * @header: a column's header, as the file writes it
 *
 * Returns: (nullable): the field of @entity that a column named @header
 *   most likely feeds ("Raison sociale" → "name" for clients, "Date de
 *   clôture" → "closed_on" for deals), or %NULL when nothing fits
 */
const char *
pilote_import_guess_field (PiloteEntity  entity,
                           const char   *header)
{
  const char * const *fields;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);

  wanted = normalize_header (header);
  if (wanted == NULL)
    return NULL;
  fields = pilote_import_entity_fields (entity);

  /* a header that spells the field itself ("expected_close_on") */
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *name = normalize_header (fields[i]);

      if (g_strcmp0 (name, wanted) == 0)
        return fields[i];
    }

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
      {
        if (pass == 0 ? synonyms[i].entity != entity : synonyms[i].entity != ANY)
          continue;
        if (!is_spelled (synonyms[i].headers, wanted))
          continue;
        for (guint f = 0; fields[f] != NULL; f++)
          if (g_str_equal (fields[f], synonyms[i].field))
            return fields[f];
      }
  return NULL;
}

/**
 * pilote_import_guess_profile:
 * @profile: a profile that maps nothing yet
 * @headers: the file's headers
 *
 * Maps each column whose header says what it holds onto that field; a
 * field is fed by the first such column only.
 *
 * Returns: how many columns were mapped
 */
guint
pilote_import_guess_profile (PiloteImportProfile *profile,
                             const char * const  *headers,
                             guint                n_headers)
{
  PiloteEntity entity;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (profile != NULL, 0);
  g_return_val_if_fail (headers != NULL || n_headers == 0, 0);

  entity = pilote_import_profile_get_entity (profile);
  for (guint i = 0; i < n_headers; i++)
    {
      const char *field = pilote_import_guess_field (entity, headers[i]);

      if (field == NULL || !g_hash_table_add (taken, (gpointer) field))
        continue;
      pilote_import_profile_set_column (profile, field, headers[i]);
    }
  return g_hash_table_size (taken);
}

/* The fields that are no field of the record itself */
static const struct {
  const char *field;
  const char *label;
} extra_labels[] = {
  { "ref", N_("Reference") },
  { "scope_name", N_("Team or member") },
  { "product", N_("Product") },
  { "quantity", N_("Quantity") },
  { "unit_price", N_("Unit price") },
  { "line_amount", N_("Line total") },
  { "discount", N_("Discount") },
  { "unit_cost", N_("Unit cost") },
  { "line_cost", N_("Line cost") },
  { "line_profit", N_("Line profit") },
  { "outcome", N_("Outcome (won, lost or open)") },
  { "won_on", N_("Won on") },
  { "lost_on", N_("Lost on") },
};

static const PiloteField *
find_field (PiloteEntity  entity,
            const char   *field)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  g_autofree char *link = g_strconcat (field, "_id", NULL);
  const PiloteField *found = pilote_entity_find_field (info, link);

  if (found != NULL && found->type == PILOTE_FIELD_LINK)
    return found;
  return pilote_entity_find_field (info, field);
}

/**
 * pilote_import_field_label:
 *
 * Returns: (transfer none): what @field of @entity is called on screen,
 *   translated
 */
const char *
pilote_import_field_label (PiloteEntity  entity,
                           const char   *field)
{
  const PiloteField *found;

  g_return_val_if_fail (entity < PILOTE_N_ENTITIES && field != NULL, NULL);

  found = find_field (entity, field);
  if (found != NULL && found->type != PILOTE_FIELD_ID)
    return _(found->label);
  for (guint i = 0; i < G_N_ELEMENTS (extra_labels); i++)
    if (g_str_equal (extra_labels[i].field, field))
      return _(extra_labels[i].label);
  return field;
}

/**
 * pilote_import_field_is_required:
 *
 * Returns: whether an import of @entity needs a column (or a default) for
 *   @field — the same rule as the engine's
 */
gboolean
pilote_import_field_is_required (PiloteEntity  entity,
                                 const char   *field)
{
  const PiloteField *found;

  g_return_val_if_fail (entity < PILOTE_N_ENTITIES && field != NULL, FALSE);

  /* a deal's title and stage can be derived from its client, product and outcome */
  if (entity == PILOTE_ENTITY_DEAL && (g_str_equal (field, "title") ||
                                       g_str_equal (field, "stage")))
    return FALSE;
  found = find_field (entity, field);
  return found != NULL && (found->flags & PILOTE_FIELD_REQUIRED) &&
         found->type != PILOTE_FIELD_REAL;
}

/**
 * pilote_import_field_get_link:
 * @link: (out) (optional): the entity of the records it names
 *
 * Returns: whether @field names another record (a client, an owner, a
 *   product…), found by reference or by name, optionally created when
 *   missing, and whose names aliases may translate
 */
gboolean
pilote_import_field_get_link (PiloteEntity  entity,
                              const char   *field,
                              PiloteEntity *link)
{
  const PiloteField *found;
  PiloteEntity target;

  g_return_val_if_fail (entity < PILOTE_N_ENTITIES && field != NULL, FALSE);

  if (entity == PILOTE_ENTITY_DEAL && g_str_equal (field, "product"))
    target = PILOTE_ENTITY_PRODUCT;
  else if (g_str_equal (field, "scope_name"))
    target = PILOTE_ENTITY_MEMBER;
  else if (g_str_equal (field, "ref") || !g_strv_contains (pilote_import_entity_fields (entity),
                                                            field))
    return FALSE;
  else
    {
      found = find_field (entity, field);
      if (found == NULL || found->type != PILOTE_FIELD_LINK)
        return FALSE;
      target = found->link;
    }
  if (link != NULL)
    *link = target;
  return TRUE;
}
