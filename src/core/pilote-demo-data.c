/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pilote-demo-private.h"

/* Atelier Moreau: a French maker of office furniture that also designs,
 * fits out and maintains workspaces. Three regional teams sell to small
 * businesses, mid-market companies, large accounts and public bodies.
 * Every string here is sample data, written as a French user would. */

const char *const pilote_demo_company_name = "Atelier Moreau";
const char *const pilote_demo_email_domain = "atelier-moreau.fr";
const char *const pilote_demo_head_office = "Paris";

const PiloteDemoTeam pilote_demo_teams[PILOTE_DEMO_N_TEAMS] = {
  { "Paris Île-de-France", "Paris" },
  { "Lyon Sud-Est", "Lyon" },
  { "Bordeaux Grand Ouest", "Bordeaux" },
};

/* the director and marketing first, then the team managers, then the reps */
const PiloteDemoPerson pilote_demo_staff[PILOTE_DEMO_N_STAFF] = {
  { "Catherine Moreau", "director", -1, 0, 0 },
  { "Julien Roche", "marketing", -1, 0, 0 },
  { "Isabelle Fontaine", "manager", 0, 0, 0 },
  { "Laurent Mercier", "manager", 1, 0, 0 },
  { "Sophie Lacroix", "manager", 2, 0, 0 },
  { "Thomas Girard", "rep", 0, 40, 30 },
  { "Camille Lambert", "rep", 0, 70, 25 },
  { "Nicolas Bonnet", "rep", 0, -30, 25 },
  { "Sarah Benali", "rep", 0, 0, 20 },
  { "Émilie Rousseau", "rep", 1, 50, 30 },
  { "Antoine Faure", "rep", 1, -60, 25 },
  { "Claire Vidal", "rep", 1, 10, 25 },
  { "Mehdi Haddad", "rep", 1, -20, 20 },
  { "Julie Morel", "rep", 2, 30, 30 },
  { "Maxime Dupuis", "rep", 2, -40, 25 },
  { "Lucas Fabre", "rep", 2, 0, 25 },
  { "Léa Perrin", "rep", 2, 60, 20 },
};

/* The reference lists are named in English, like the ones every new file has;
 * the demonstration writes them in the user's language, translated with the
 * context given here */
const char *const pilote_demo_segments[PILOTE_DEMO_N_SEGMENTS] = {
  NC_("client segment", "Small business"), NC_("client segment", "Mid-market"),
  NC_("client segment", "Enterprise"), NC_("client segment", "Public sector"),
};
const guint8 pilote_demo_segment_weights[PILOTE_DEMO_N_SEGMENTS] = { 45, 30, 12, 13 };

const char *const pilote_demo_competitors[PILOTE_DEMO_N_COMPETITORS] = {
  "Bureaux & Cie", "Ergonomia", "Espace Pro Mobilier", "Nordik Office",
};

const guint8 pilote_demo_channel_weights[PILOTE_DEMO_N_CHANNELS] = { 30, 18, 14, 26, 12 };

const guint8 pilote_demo_lost_reason_weights[PILOTE_DEMO_N_REASONS] = { 28, 24, 16, 16, 10, 6 };

const PiloteDemoCity pilote_demo_cities[] = {
  { "Paris", "Île-de-France", "France", "01", 0, 30 },
  { "Boulogne-Billancourt", "Île-de-France", "France", "01", 0, 6 },
  { "Saint-Denis", "Île-de-France", "France", "01", 0, 5 },
  { "Nanterre", "Île-de-France", "France", "01", 0, 4 },
  { "Versailles", "Île-de-France", "France", "01", 0, 3 },
  { "Créteil", "Île-de-France", "France", "01", 0, 3 },
  { "Lille", "Hauts-de-France", "France", "03", 0, 8 },
  { "Amiens", "Hauts-de-France", "France", "03", 0, 3 },
  { "Rouen", "Normandie", "France", "02", 0, 4 },
  { "Caen", "Normandie", "France", "02", 0, 3 },
  { "Le Havre", "Normandie", "France", "02", 0, 3 },
  { "Strasbourg", "Grand Est", "France", "03", 0, 5 },
  { "Reims", "Grand Est", "France", "03", 0, 3 },
  { "Metz", "Grand Est", "France", "03", 0, 3 },
  { "Orléans", "Centre-Val de Loire", "France", "02", 0, 3 },
  { "Tours", "Centre-Val de Loire", "France", "02", 0, 3 },
  { "Bruxelles", "Bruxelles-Capitale", "Belgique", "+32 2", 0, 3 },
  { "Liège", "Wallonie", "Belgique", "+32 4", 0, 1 },
  { "Lyon", "Auvergne-Rhône-Alpes", "France", "04", 1, 18 },
  { "Villeurbanne", "Auvergne-Rhône-Alpes", "France", "04", 1, 4 },
  { "Grenoble", "Auvergne-Rhône-Alpes", "France", "04", 1, 5 },
  { "Saint-Étienne", "Auvergne-Rhône-Alpes", "France", "04", 1, 4 },
  { "Clermont-Ferrand", "Auvergne-Rhône-Alpes", "France", "04", 1, 4 },
  { "Annecy", "Auvergne-Rhône-Alpes", "France", "04", 1, 3 },
  { "Marseille", "Provence-Alpes-Côte d’Azur", "France", "04", 1, 10 },
  { "Nice", "Provence-Alpes-Côte d’Azur", "France", "04", 1, 5 },
  { "Aix-en-Provence", "Provence-Alpes-Côte d’Azur", "France", "04", 1, 4 },
  { "Toulon", "Provence-Alpes-Côte d’Azur", "France", "04", 1, 3 },
  { "Dijon", "Bourgogne-Franche-Comté", "France", "03", 1, 4 },
  { "Besançon", "Bourgogne-Franche-Comté", "France", "03", 1, 3 },
  { "Montpellier", "Occitanie", "France", "04", 1, 6 },
  { "Genève", "Genève", "Suisse", "+41 22", 1, 2 },
  { "Lausanne", "Vaud", "Suisse", "+41 21", 1, 1 },
  { "Bordeaux", "Nouvelle-Aquitaine", "France", "05", 2, 14 },
  { "Mérignac", "Nouvelle-Aquitaine", "France", "05", 2, 3 },
  { "Pau", "Nouvelle-Aquitaine", "France", "05", 2, 3 },
  { "La Rochelle", "Nouvelle-Aquitaine", "France", "05", 2, 3 },
  { "Limoges", "Nouvelle-Aquitaine", "France", "05", 2, 3 },
  { "Poitiers", "Nouvelle-Aquitaine", "France", "05", 2, 3 },
  { "Toulouse", "Occitanie", "France", "05", 2, 12 },
  { "Nantes", "Pays de la Loire", "France", "02", 2, 9 },
  { "Angers", "Pays de la Loire", "France", "02", 2, 4 },
  { "Le Mans", "Pays de la Loire", "France", "02", 2, 3 },
  { "Rennes", "Bretagne", "France", "02", 2, 7 },
  { "Brest", "Bretagne", "France", "02", 2, 3 },
};
const guint pilote_demo_n_cities = G_N_ELEMENTS (pilote_demo_cities);

/* prices and costs in cents; weights by segment: small, mid, enterprise, public */
const PiloteDemoProduct pilote_demo_products[PILOTE_DEMO_N_PRODUCTS] = {
  { "Bureau assis-debout Flex", "Mobilier", "Postes de travail", 89000, 52000, 2, 20,
    { 20, 25, 25, 20 }, 0,
    { "Renouvellement des postes de travail", "Bureaux assis-debout" } },
  { "Bureau bench 4 postes", "Mobilier", "Postes de travail", 210000, 126000, 1, 8,
    { 5, 20, 25, 20 }, 0, { "Aménagement open space", "Postes de travail en bench" } },
  { "Fauteuil ergonomique Atelier", "Mobilier", "Sièges", 54000, 29000, 3, 40,
    { 25, 20, 15, 15 }, 30, { "Renouvellement des sièges", "Sièges ergonomiques" } },
  { "Chaise visiteur empilable", "Mobilier", "Sièges", 9500, 6800, 10, 80,
    { 8, 6, 4, 12 }, 0, { "Équipement de la salle de formation", "Chaises de réunion" } },
  { "Caisson mobile 3 tiroirs", "Mobilier", "Rangements", 19000, 11000, 3, 30,
    { 10, 8, 6, 8 }, 0, { "Rangements individuels", "Caissons mobiles" } },
  { "Armoire à rideaux", "Mobilier", "Rangements", 65000, 43000, 2, 12,
    { 8, 8, 5, 10 }, -20, { "Réorganisation des archives", "Rangements collectifs" } },
  { "Panneau acoustique mural", "Aménagement", "Acoustique", 16000, 7500, 10, 60,
    { 8, 12, 12, 10 }, 20, { "Traitement acoustique", "Confort acoustique des bureaux" } },
  { "Cabine acoustique individuelle", "Aménagement", "Acoustique", 980000, 690000, 1, 4,
    { 2, 8, 12, 4 }, -40, { "Espaces de concentration", "Cabines téléphoniques" } },
  { "Cloison vitrée modulaire (m²)", "Aménagement", "Cloisons", 42000, 27000, 15, 150,
    { 4, 12, 15, 10 }, -30, { "Cloisonnement des bureaux", "Création de salles de réunion" } },
  { "Étude d’aménagement", "Services", "Conception", 350000, 150000, 1, 1,
    { 5, 10, 12, 12 }, 50, { "Étude d’aménagement", "Plan d’implantation" } },
  { "Installation sur site (jour)", "Services", "Installation", 85000, 38000, 1, 10,
    { 6, 8, 10, 8 }, 0, { "Déménagement et installation", "Installation du mobilier" } },
  { "Contrat de maintenance annuel", "Services", "Maintenance", 290000, 130000, 1, 1,
    { 3, 8, 12, 10 }, 80,
    { "Contrat de maintenance", "Renouvellement du contrat de maintenance" } },
};

/* channel indexes as in pilote_demo_channels */
const PiloteDemoSpend pilote_demo_spends[] = {
  { 0, "marketing", "Référencement et annonces en ligne", 85000 },
  { 0, "marketing", "Campagnes LinkedIn", 38000 },
  { 1, "marketing", "Programme de parrainage", 45000 },
  { 2, "marketing", "Salons professionnels", 260000 },
  { 2, "sales", "Déplacements sur les salons", 65000 },
  { 3, "sales", "Prospection téléphonique", 120000 },
  { 3, "marketing", "Fichiers de prospection", 18000 },
  { 4, "sales", "Commissions des partenaires", 95000 },
};
const guint pilote_demo_n_spends = G_N_ELEMENTS (pilote_demo_spends);

/* in the order of PiloteActivityKind */
const PiloteDemoActivity pilote_demo_activities[5] = {
  { "call", { "Appel de découverte", "Relance du devis", "Point d’avancement" } },
  { "meeting", { "Rendez-vous de présentation", "Point de négociation", "Revue du projet" } },
  { "visit", { "Visite du site", "Visite du showroom", "Relevé de mesures sur site" } },
  { "email", { "Envoi de la proposition", "Envoi de la documentation", "Envoi du devis révisé" } },
  { "task", { "Préparer le devis", "Mettre à jour le plan d’implantation",
              "Préparer la revue de compte" } },
};

const char *const pilote_demo_sites[] = {
  "siège", "2e étage", "nouveaux locaux", "agence", "bâtiment B", "site de production",
  "plateau de 400 m²", "direction générale",
};
const guint pilote_demo_n_sites = G_N_ELEMENTS (pilote_demo_sites);

/* staff indexes as in pilote_demo_staff */
const PiloteDemoGoal pilote_demo_goals[] = {
  { "Ouvrir le marché lyonnais des grands comptes", "team", 1, 3, 55, "in-progress", 12 },
  { "Former toute l’équipe commerciale à la négociation", "company", -1, 0, 100, "done", 6 },
  { "Lancer l’offre acoustique auprès des clients existants", "company", -1, 1, 40,
    "in-progress", 10 },
  { "Obtenir le référencement auprès de l’UGAP", "company", -1, 0, 0, "not-started", 12 },
};
const guint pilote_demo_n_goals = G_N_ELEMENTS (pilote_demo_goals);

const PiloteDemoAction pilote_demo_actions[] = {
  { "Recruter un commercial grands comptes à Lyon", 3, 0, 45, "in-progress" },
  { "Organiser un petit-déjeuner clients à Lyon", 3, 0, -20, "done" },
  { "Former l’équipe à la négociation (deux jours)", 0, 1, -60, "done" },
  { "Mettre à jour la plaquette de l’offre acoustique", 1, 2, 10, "in-progress" },
  { "Campagne e-mail auprès des clients existants", 1, 2, 30, "not-started" },
  { "Constituer le dossier de référencement UGAP", 0, 3, 75, "not-started" },
  { "Revoir la politique de remise au-delà de 10 %", 0, -1, -5, "in-progress" },
};
const guint pilote_demo_n_actions = G_N_ELEMENTS (pilote_demo_actions);

const char *const pilote_demo_swot_market = "France";
const PiloteDemoSwot pilote_demo_swot[] = {
  { "strength", "Fabrication française et délais de livraison courts" },
  { "strength", "Installation et maintenance assurées par nos équipes" },
  { "weakness", "Notoriété faible hors de l’Île-de-France" },
  { "weakness", "Offre acoustique encore jeune" },
  { "opportunity", "Réaménagement des bureaux pour le travail hybride" },
  { "opportunity", "Marchés publics des collectivités et des hôpitaux" },
  { "threat", "Prix agressifs des vendeurs en ligne" },
  { "threat", "Hausse du coût du bois et de l’acier" },
};
const guint pilote_demo_n_swot = G_N_ELEMENTS (pilote_demo_swot);

const char *const pilote_demo_month_comment =
  "Bon mois pour l’équipe de Paris, portée par deux projets grands comptes. "
  "L’équipe de Lyon reste en retrait sur son objectif\u00a0: plusieurs négociations ont "
  "glissé au mois prochain. Priorité\u00a0: relancer les propositions sans réponse "
  "depuis plus de trente jours et tenir les remises sous 10\u00a0%.";

const char *const pilote_demo_year_strategy =
  "Croître de 15\u00a0% en chiffre d’affaires en tenant la marge brute au-dessus de 38\u00a0%. "
  "Trois leviers\u00a0: conquérir 40 nouveaux clients dans les collectivités et les "
  "hôpitaux (appels d’offres suivis chaque semaine), vendre l’offre acoustique à 30\u00a0% "
  "des clients existants, et ramener le cycle de vente sous 45 jours en qualifiant "
  "mieux dès le premier rendez-vous. Budget marketing plafonné à 6\u00a0% du chiffre "
  "d’affaires\u00a0; coût d’acquisition client visé sous 2\u202f500\u00a0€.";

/* Names */

static const char *const surnames[] = {
  "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
  "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand",
  "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
  "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin",
  "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin",
  "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier",
  "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël",
  "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière",
  "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche",
  "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard",
  "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier",
  "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland",
  "Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot", "Hubert",
  "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Louis", "Deschamps", "Huet",
  "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet", "Adam",
  "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault",
  "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider",
  "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet",
  "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois",
};

static const char *const first_names[] = {
  "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Valérie", "Christine",
  "Céline", "Stéphanie", "Aurélie", "Julie", "Camille", "Laura", "Sarah", "Manon",
  "Émilie", "Claire", "Hélène", "Anne", "Sophie", "Caroline", "Élodie", "Pauline",
  "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre",
  "Stéphane", "Frédéric", "Laurent", "Julien", "David", "Sébastien", "Thomas", "Olivier",
  "Éric", "Vincent", "Guillaume", "Antoine", "Maxime", "Romain", "Mathieu", "Benoît",
  "Karim", "Yasmine", "Nadia", "Mehdi", "Sofia", "Hugo", "Lucas", "Léa",
};

static const struct {
  const char *word;
  const char *sector;
} trades[] = {
  { "Boulangeries", "Agroalimentaire" },
  { "Fromagerie", "Agroalimentaire" },
  { "Salaisons", "Agroalimentaire" },
  { "Vignobles", "Agroalimentaire" },
  { "Transports", "Transport et logistique" },
  { "Déménagements", "Transport et logistique" },
  { "Logistique", "Transport et logistique" },
  { "Garage", "Automobile" },
  { "Carrosserie", "Automobile" },
  { "Imprimerie", "Industrie" },
  { "Ateliers", "Industrie" },
  { "Mécanique", "Industrie" },
  { "Fonderie", "Industrie" },
  { "Textiles", "Industrie" },
  { "Menuiserie", "BTP" },
  { "Constructions", "BTP" },
  { "Charpentes", "BTP" },
  { "Électricité", "BTP" },
  { "Plomberie", "BTP" },
  { "Pharmacie", "Santé" },
  { "Laboratoires", "Santé" },
  { "Cabinet dentaire", "Santé" },
  { "Clinique vétérinaire", "Santé" },
  { "Étude notariale", "Services juridiques" },
  { "Cabinet d’avocats", "Services juridiques" },
  { "Expertise comptable", "Conseil" },
  { "Architectes", "Conseil" },
  { "Conseil", "Conseil" },
  { "Hôtel", "Hôtellerie-restauration" },
  { "Brasserie", "Hôtellerie-restauration" },
  { "Assurances", "Banque et assurance" },
  { "Courtage", "Banque et assurance" },
  { "Immobilière", "Immobilier" },
  { "Agence immobilière", "Immobilier" },
  { "Librairie", "Commerce" },
  { "Optique", "Commerce" },
  { "Distribution", "Commerce" },
  { "Jardinerie", "Commerce" },
  { "Nettoyage", "Services" },
  { "Sécurité", "Services" },
  { "Informatique", "Informatique" },
};

static const char *const corporate_sectors[] = {
  "Industrie", "Informatique", "Services", "Commerce", "Banque et assurance", "Énergie",
  "Transport et logistique", "Agroalimentaire", "BTP", "Conseil",
};

static const char *const coined_heads[] = {
  "Axi", "Nova", "Sodi", "Bati", "Euro", "Logi", "Medi", "Proxi", "Alti", "Vita",
  "Oxa", "Terra", "Calo", "Ino", "Lumi", "Sira", "Vela", "Agri", "Cora", "Tecna",
};

static const char *const coined_tails[] = {
  "lis", "tec", "pro", "com", "via", "mex", "sys", "nor", "dis", "gie",
  "lance", "rium", "tane", "lix", "vance",
};

static const char *const family_forms[] = { "& Fils", "Frères", "et Associés" };
static const char *const small_legal_forms[] = { "SARL", "EURL" };
static const char *const legal_forms[] = { "SAS", "SA" };
static const char *const group_forms[] = { "Industries", "France", "International" };

static const char *const namesakes[] = {
  "Victor-Hugo", "Jules-Ferry", "Jean-Moulin", "Marie-Curie", "Louis-Pasteur",
  "Simone-Veil", "Condorcet", "Voltaire", "Montesquieu", "Jean-Jaurès", "Camille-Claudel",
  "Albert-Camus",
};

static const struct {
  const char *word;
  gboolean    of_city;     /* "Mairie de Lyon"; else "Lycée Victor-Hugo" */
  const char *sector;
} public_bodies[] = {
  { "Mairie", TRUE, "Administration" },
  { "Communauté d’agglomération", TRUE, "Administration" },
  { "CCI", TRUE, "Administration" },
  { "Office de tourisme", TRUE, "Administration" },
  { "Caisse d’allocations familiales", TRUE, "Administration" },
  { "Centre hospitalier", TRUE, "Santé" },
  { "Université", TRUE, "Enseignement" },
  { "Lycée", FALSE, "Enseignement" },
  { "Collège", FALSE, "Enseignement" },
  { "Groupe scolaire", FALSE, "Enseignement" },
  { "Médiathèque", FALSE, "Culture" },
};

static const char *const job_titles[] = {
  "Directeur général", "Directrice générale", "Responsable des achats",
  "Responsable des services généraux", "Office manager", "Directeur administratif et financier",
  "Directrice des ressources humaines", "Responsable immobilier",
};

#define PICK(r, list) ((list)[pilote_demo_random_below ((r), G_N_ELEMENTS (list))])

static void
append (char       *buf,
        gsize       size,
        const char *text)
{
  g_strlcat (buf, text, size);
}

/* "de Lyon", "d'Angers", "du Havre" */
static void
append_of_city (char       *buf,
                gsize       size,
                const char *city)
{
  if (g_str_has_prefix (city, "Le "))
    {
      append (buf, size, "du ");
      append (buf, size, city + 3);
    }
  else if (strchr ("AEIOU", city[0]) != NULL || g_str_has_prefix (city, "É"))
    {
      append (buf, size, "d’");
      append (buf, size, city);
    }
  else
    {
      append (buf, size, "de ");
      append (buf, size, city);
    }
}

static void
append_coined (PiloteDemoRandom *r,
               char             *buf,
               gsize             size)
{
  append (buf, size, PICK (r, coined_heads));
  append (buf, size, PICK (r, coined_tails));
}

/**
 * pilote_demo_make_client_name:
 * @sector: (out): the client's sector, as suggested by its name
 *
 * Writes a plausible French organisation name for @segment into @buf:
 * "Boulangeries Garnier", "Transports Lefèvre SAS", "Groupe Novatec",
 * "Mairie de Nantes". Names repeat: the caller makes them unique.
 */
void
pilote_demo_make_client_name (PiloteDemoRandom      *r,
                              PiloteDemoSegment      segment,
                              const PiloteDemoCity  *city,
                              char                  *buf,
                              gsize                  size,
                              const char           **sector)
{
  guint pattern = pilote_demo_random_below (r, 10);
  guint trade = pilote_demo_random_below (r, G_N_ELEMENTS (trades));

  buf[0] = '\0';
  *sector = trades[trade].sector;

  switch (segment)
    {
    case PILOTE_DEMO_SMALL:
      if (pattern < 2)
        {
          append (buf, size, PICK (r, surnames));
          append (buf, size, " ");
          append (buf, size, PICK (r, family_forms));
          break;
        }
      append (buf, size, trades[trade].word);
      append (buf, size, " ");
      append (buf, size, PICK (r, surnames));
      if (pattern >= 7)
        {
          append (buf, size, " ");
          append (buf, size, PICK (r, small_legal_forms));
        }
      break;

    case PILOTE_DEMO_MID:
      if (pattern < 4)
        {
          *sector = PICK (r, corporate_sectors);
          append_coined (r, buf, size);
        }
      else
        {
          append (buf, size, trades[trade].word);
          append (buf, size, " ");
          append (buf, size, PICK (r, surnames));
        }
      append (buf, size, " ");
      append (buf, size, PICK (r, legal_forms));
      break;

    case PILOTE_DEMO_ENTERPRISE:
      *sector = PICK (r, corporate_sectors);
      if (pattern < 3)
        {
          append (buf, size, "Groupe ");
          append (buf, size, PICK (r, surnames));
        }
      else if (pattern < 5)
        {
          append (buf, size, "Groupe ");
          append_coined (r, buf, size);
        }
      else
        {
          append_coined (r, buf, size);
          append (buf, size, " ");
          append (buf, size, PICK (r, group_forms));
        }
      break;

    case PILOTE_DEMO_PUBLIC:
    default:
      {
        guint body = pilote_demo_random_below (r, G_N_ELEMENTS (public_bodies));

        *sector = public_bodies[body].sector;
        append (buf, size, public_bodies[body].word);
        append (buf, size, " ");
        if (public_bodies[body].of_city)
          append_of_city (buf, size, city->name);
        else
          append (buf, size, PICK (r, namesakes));
      }
      break;
    }
}

/**
 * pilote_demo_make_email:
 *
 * Returns: "first.last@domain" for the name "First Last", in lower-case
 *   ASCII
 */
char *
pilote_demo_make_email (const char *name,
                        const char *domain)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *email = g_string_sized_new (64);
  gboolean separated = TRUE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (email, g_ascii_tolower (*p));
          separated = FALSE;
        }
      else if (*p == ' ' && !separated)
        {
          g_string_append_c (email, '.');
          separated = TRUE;
        }
    }
  g_string_append_c (email, '@');
  g_string_append (email, domain);
  return g_string_free (email, FALSE);
}

/* the organisation's web domain: "transports-lefevre-sas.fr" */
static void
make_domain (const char *client_name,
             char       *buf,
             gsize       size)
{
  g_autofree char *ascii = g_str_to_ascii (client_name, "C");
  gsize len = 0;
  gboolean dash = TRUE;

  for (const char *p = ascii; *p != '\0' && len + 5 < size; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          buf[len++] = g_ascii_tolower (*p);
          dash = FALSE;
        }
      else if (!dash)
        {
          buf[len++] = '-';
          dash = TRUE;
        }
    }
  while (len > 0 && buf[len - 1] == '-')
    len--;
  memcpy (buf + len, ".fr", 4);
}

/**
 * pilote_demo_make_contact:
 * @name: (out): the contact's name, @size bytes
 * @email: (out): the contact's e-mail address at the client, @size bytes
 * @phone: (out): a phone number in the client's city, @size bytes
 * @job_title: (out): the contact's position
 */
void
pilote_demo_make_contact (PiloteDemoRandom      *r,
                          const char            *client_name,
                          const PiloteDemoCity  *city,
                          char                  *name,
                          char                  *email,
                          char                  *phone,
                          const char           **job_title,
                          gsize                  size)
{
  g_autofree char *address = NULL;
  const char *first, *last;
  guint digits[4];
  char domain[128];

  /* one draw per statement: the order of evaluation of arguments is unspecified */
  first = PICK (r, first_names);
  last = PICK (r, surnames);
  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    digits[i] = pilote_demo_random_below (r, 100);
  *job_title = PICK (r, job_titles);

  g_snprintf (name, size, "%s %s", first, last);
  make_domain (client_name, domain, sizeof domain);
  address = pilote_demo_make_email (name, domain);
  g_strlcpy (email, address, size);
  g_snprintf (phone, size, "%s %02u %02u %02u %02u", city->phone,
              digits[0], digits[1], digits[2], digits[3]);
}
