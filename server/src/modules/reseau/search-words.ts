/**
 * The words a person types for a value of the standard: a mediator looks for "atelier smartphone
 * seniors", not for "Maîtrise des outils numériques du quotidien". The directory's text search
 * (directory.service.ts) indexes, for each value a place carries, the value and these words; the
 * typology codes (RFS, BIB…) are indexed with their data.inclusion labels.
 *
 * The same words are written in the SQL function `organization_search_words` (migration
 * `Migration20261202120000_directory_search`), since an index needs them in the database:
 * tests/api/reseau-recherche.test.ts checks that both agree. Change them together, in a new migration.
 */
import { VOCABULARY } from './standard.js';

/** data.inclusion's typologies of structures: code → label. */
export const TYPOLOGIE_LABELS: Record<string, string> = {
  ACI: 'Structures porteuses d’ateliers et chantiers d’insertion (ACI)',
  ACIPHC: 'SIAE — Atelier chantier d’insertion premières heures en chantier',
  AFPA: 'Agence nationale pour la formation professionnelle des adultes (AFPA)',
  AI: 'Associations intermédiaires (AI)',
  ASE: 'Aide sociale à l’enfance (ASE)',
  ASSO: 'Associations',
  ASSO_CHOMEUR: 'Associations de chômeurs',
  AVIP: 'Crèche à vocation d’insertion professionnelle (AVIP)',
  Autre: 'Autre',
  BIB: 'Bibliothèque / Médiathèque',
  CAARUD: 'Centre d’accueil et d’accompagnement à la réduction de risques pour usagers de drogues (CAARUD)',
  CADA: 'Centres d’accueil de demandeurs d’asile (CADA)',
  CAF: 'Caisses d’allocations familiales (CAF)',
  CAP_EMPLOI: 'Cap Emploi',
  CAVA: 'Centres d’adaptation à la vie active (CAVA)',
  CC: 'Communautés de communes',
  CCAS: 'Centres communaux d’action sociale (CCAS)',
  CCONS: 'Chambres consulaires (CCI, CMA, CA)',
  CD: 'Conseils départementaux (CD)',
  CDAS: 'Centre départemental d’action sociale (CDAS)',
  CFP: 'Centre des finances publiques (CFP)',
  CHRS: 'Centres d’hébergement et de réinsertion sociale (CHRS)',
  CHU: 'Centres d’hébergement d’urgence (CHU)',
  CIAS: 'Centres intercommunaux d’action sociale (CIAS)',
  CIDFF: 'Centres d’information sur les droits des femmes et des familles (CIDFF)',
  CITMET: 'Cité des métiers',
  CMP: 'Centre médico-psychologique (CMP)',
  CMS: 'Centre médico-social (CMS)',
  CPAM: 'Caisse primaire d’assurance maladie (CPAM)',
  CPH: 'Centres provisoires d’hébergement (CPH)',
  CS: 'Centre social',
  CSAPA: 'Centre de soins, d’accompagnement et de prévention en addictologie (CSAPA)',
  CSC: 'Centre socio-culturel (CSC)',
  DEETS: 'Directions de l’économie, de l’emploi, du travail et des solidarités (DEETS)',
  DEPT: 'Services sociaux du Conseil départemental',
  DIPLP: 'Délégation interministérielle à la prévention et à la lutte contre la pauvreté',
  E2C: 'École de la 2e chance (E2C)',
  EA: 'Entreprise adaptée (EA)',
  EATT: 'Entreprise adaptée (EATT)',
  EI: 'Entreprises d’insertion (EI)',
  EITI: 'Entreprises d’insertion par le travail indépendant (EITI)',
  ENM: 'Espace numérique mobile (ENM)',
  EPCI: 'Intercommunalité (EPCI)',
  EPI: 'Espace public internet (EPI)',
  EPIDE: 'Établissement pour l’insertion dans l’emploi (EPIDE)',
  EPN: 'Espace public numérique (EPN)',
  ES: 'Épicerie solidaire',
  ESS: 'Entreprise de l’économie sociale et solidaire',
  ETABL_PRI: 'Établissement privé',
  ETABL_PUB: 'Établissement public',
  ETAT: 'Service de l’État',
  ETTI: 'Entreprises de travail temporaire d’insertion (ETTI)',
  EVS: 'Espace de vie sociale (EVS)',
  FABLAB: 'Fablab / Atelier partagé',
  FAIS: 'Fédérations d’acteurs de l’insertion et de la solidarité',
  FT: 'France Travail',
  GEIQ: 'Groupements d’employeurs pour l’insertion et la qualification (GEIQ)',
  HUDA: 'Hébergement d’urgence pour demandeurs d’asile (HUDA)',
  LA_POSTE: 'Bureau de poste / Agence postale',
  MDE: 'Maison de l’emploi',
  MDEF: 'Maison de l’emploi et de la formation',
  MDPH: 'Maison départementale des personnes handicapées (MDPH)',
  MDS: 'Maison départementale des solidarités',
  MJC: 'Maison des jeunes et de la culture (MJC)',
  ML: 'Mission locale',
  MQ: 'Maison de quartier',
  MSA: 'Mutualité sociale agricole (MSA)',
  MSAP: 'Maison de services au public (MSAP)',
  MUNI: 'Municipalités, mairie',
  OACAS: 'Organisme d’accueil communautaire et d’activité solidaire (OACAS)',
  ODC: 'Organisation délégataire d’un conseil départemental',
  OF: 'Organisme de formation',
  OIL: 'Opérateur d’intermédiation locative',
  OPCS: 'Organisation porteuse de la clause sociale',
  PAD: 'Point d’accès au droit',
  PENSION: 'Pension de famille / résidence accueil',
  PI: 'Point information (PI)',
  PIJ_BIJ: 'Points et bureaux information jeunesse (PIJ/BIJ)',
  PIMMS: 'Point information médiation multi services (PIMMS)',
  PJJ: 'Protection judiciaire de la jeunesse (PJJ)',
  PLIE: 'Plans locaux pour l’insertion et l’emploi (PLIE)',
  PREF: 'Préfecture, sous-préfecture',
  PREVENTION: 'Service ou club de prévention',
  REG: 'Région',
  RESSOURCERIE: 'Ressourcerie',
  RFS: 'Réseau France Services',
  RS_FJT: 'Résidence sociale / foyer de jeunes travailleurs (FJT)',
  SCP: 'Services et clubs de prévention',
  SPIP: 'Services pénitentiaires d’insertion et de probation (SPIP)',
  TIERS_LIEUX: 'Tiers-lieu et coworking',
  UDAF: 'Union départementale des associations familiales (UDAF)',
};

/** More words for some values of the standard (the older v0 labels of the same service among them). */
const MORE_WORDS: Record<string, string> = {
  'Aide aux démarches administratives':
    'Réaliser des démarches administratives avec un accompagnement, devenir autonome dans les démarches, démarches de santé, papiers, impôts, CAF, retraite, Ameli',
  'Maîtrise des outils numériques du quotidien':
    'Prendre en main un smartphone ou une tablette, un ordinateur, utiliser le numérique au quotidien, téléphone portable, mail, courriel, internet',
  'Insertion professionnelle via le numérique': 'Favoriser mon insertion professionnelle, emploi, CV, créer et développer mon entreprise',
  'Utilisation sécurisée du numérique': 'Sécuriser mon usage du numérique, arnaques, mots de passe, sécurité',
  'Parentalité et éducation avec le numérique': 'Soutenir la parentalité et l’éducation avec le numérique, parents, enfants, écrans, école',
  'Loisirs et créations numériques': 'Créer avec le numérique, photo, vidéo, jeux',
  'Compréhension du monde numérique': 'Approfondir ma culture numérique, promouvoir la citoyenneté numérique',
  'Accès internet et matériel informatique': 'Accéder à du matériel, à une connexion internet, wifi, imprimante, ordinateur en libre accès',
  'Acquisition de matériel informatique à prix solidaire': 'S’équiper en matériel informatique, ordinateur reconditionné',
  Seniors: 'personnes âgées, retraités',
  'Familles et/ou enfants': 'parents',
  Surdité: 'sourds, malentendants',
  'Déficience visuelle': 'aveugles, malvoyants',
  'Langues étrangères (anglais)': 'non francophones',
  'Langues étrangères (autres)': 'non francophones',
  'Conseillers numériques': 'conseiller numérique, CNFS',
};

/** Value of the standard or typology code → the text indexed for it (only values whose text is more than themselves). */
export function searchWordsTable(): Record<string, string> {
  const table: Record<string, string> = {};
  for (const [code, label] of Object.entries(TYPOLOGIE_LABELS)) table[code] = code === label ? label : `${code} ${label}`;
  for (const values of Object.values(VOCABULARY)) {
    for (const value of values) if (MORE_WORDS[value]) table[value] = `${value} ${MORE_WORDS[value]}`;
  }
  return table;
}
