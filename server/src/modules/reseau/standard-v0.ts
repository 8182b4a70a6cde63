/**
 * The older v0 shape of the standard that real sources still publish (server/data/lieux/SOURCE.md):
 * its columns and labels, mapped to v1.0.2.
 */
import type { PlaceFields } from './standard.js';
import { canonicalValue, splitValues } from './standard.js';

const key = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
const table = (entries: Record<string, string | null>) => new Map(Object.entries(entries).map(([from, to]) => [key(from), to]));

/** v0 service labels ("what I want to do") → v1.0.2 services. */
const SERVICES = table({
  'Prendre en main un smartphone ou une tablette': 'Maîtrise des outils numériques du quotidien',
  'Prendre en main un ordinateur': 'Maîtrise des outils numériques du quotidien',
  'Utiliser le numérique au quotidien': 'Maîtrise des outils numériques du quotidien',
  'Approfondir ma culture numérique': 'Compréhension du monde numérique',
  'Promouvoir la citoyenneté numérique': 'Compréhension du monde numérique',
  'Favoriser mon insertion professionnelle': 'Insertion professionnelle via le numérique',
  'Créer et développer mon entreprise': 'Insertion professionnelle via le numérique',
  'Réaliser des démarches administratives avec un accompagnement': 'Aide aux démarches administratives',
  'Devenir autonome dans les démarches administratives': 'Aide aux démarches administratives',
  'Accompagner les démarches de santé': 'Aide aux démarches administratives',
  'Accéder à du matériel': 'Accès internet et matériel informatique',
  'Accéder à une connexion internet': 'Accès internet et matériel informatique',
  'Créer avec le numérique': 'Loisirs et créations numériques',
  "Soutenir la parentalité et l'éducation avec le numérique": 'Parentalité et éducation avec le numérique',
  "S'équiper en matériel informatique": 'Acquisition de matériel informatique à prix solidaire',
  'Sécuriser mon usage du numérique': 'Utilisation sécurisée du numérique',
});

/** v0 `conditions_acces` ("Gratuit : Je peux accéder gratuitement…") → `frais_a_charge`, by the words before the colon. */
const FRAIS = table({
  Gratuit: 'Gratuit',
  'Gratuit sous condition': 'Gratuit sous condition',
  'Accepte le Pass numérique': 'Gratuit sous condition',
  Payant: 'Payant',
  Adhésion: 'Payant',
  Tarifé: 'Payant',
});

/** v0 `modalites_accompagnement` ("Avec de l'aide : …") → v1.0.2, by the words before the colon. */
const ACCOMPAGNEMENT = table({
  Seul: 'En autonomie',
  "Avec de l'aide": 'Accompagnement individuel',
  'A ma place': 'Accompagnement individuel',
  'Dans un atelier': 'Dans un atelier collectif',
  'À distance': 'À distance',
});

/**
 * v0 `labels_nationaux` → `dispositif_programmes_nationaux` (other labels go to `autres_formations_labels`,
 * except "Fabriques de Territoire", a v1 `formations_labels`). v0's own list: France Services, CNFS, APTIC,
 * Aidants Connect, Fabriques de Territoire, Grandes écoles du numérique, Point relais CAF, Point numérique CAF,
 * Relais pôle emploi, French Tech, Campus connecté.
 */
const DISPOSITIFS = table({
  CNFS: 'Conseillers numériques',
  'Conseillers numériques': 'Conseillers numériques',
  'Conseiller numérique': 'Conseillers numériques',
  'France Services': 'France Services',
  'Aidants Connect': 'Aidants Connect',
  'Point numérique CAF': "Point d'accès numérique CAF",
  'Croix Rouge': 'La Croix Rouge',
  'Grande École du Numérique': 'Grande école du numérique',
  'Grandes écoles du numérique': 'Grande école du numérique',
  'Promeneurs du Net': 'Promeneurs du net',
  PIX: 'Certification PIX',
  'Relais numérique Emmaüs Connect': 'Relais numérique (Emmaüs Connect)',
});

/**
 * v0 `publics_accueillis` → `publics_specifiquement_adresses` or `prise_en_charge_specifique`; "Adultes" and
 * "Tout public" mean everyone. v0's list: Seniors (+ 65 ans), Familles/enfants, Adultes, Jeunes (16-26 ans),
 * Public langues étrangères, Déficience visuelle, Surdité, Handicaps psychiques : troubles psychiatriques…,
 * Handicaps mentaux : déficiences limitant les activités d'une personne, Uniquement femmes, Personnes en
 * situation d'illettrisme; the cartography's forms spelled some of them otherwise ("Seniors (+65 ans)",
 * "Publics langues étrangères", "Personne en situation d'illétrisme", "Non-Francophone"). Labels with an
 * explanation after a colon are matched by the words before it.
 */
const PUBLICS = table({
  'Jeunes (16-26 ans)': 'Jeunes',
  Jeunes: 'Jeunes',
  Étudiants: 'Étudiants',
  'Familles/enfants': 'Familles et/ou enfants',
  'Familles et/ou enfants': 'Familles et/ou enfants',
  'Seniors (+ 65 ans)': 'Seniors',
  Seniors: 'Seniors',
  'Uniquement femmes': 'Femmes',
  Femmes: 'Femmes',
  Adultes: null,
  'Tout public': null,
});
const PRISE_EN_CHARGE = table({
  'Déficience visuelle': 'Déficience visuelle',
  Surdité: 'Surdité',
  'Handicaps moteurs': 'Handicaps moteurs',
  'Handicaps mentaux': 'Handicaps mentaux',
  // v1 has no separate psychic disability: the closest of its values.
  'Handicaps psychiques': 'Handicaps mentaux',
  Illettrisme: 'Illettrisme',
  "Personnes en situation d'illettrisme": 'Illettrisme',
  "Personne en situation d'illettrisme": 'Illettrisme',
  "Personne en situation d'illétrisme": 'Illettrisme',
  'Langues étrangères': 'Langues étrangères (autres)',
  'Public langues étrangères': 'Langues étrangères (autres)',
  'Publics langues étrangères': 'Langues étrangères (autres)',
  'Non-Francophone': 'Langues étrangères (autres)',
});

/** Columns that exist only in v0 files. */
export const V0_COLUMNS = ['conditions_acces', 'labels_nationaux', 'labels_autres', 'publics_accueillis', 'courriel', 'accessibilite'];

/** A v0 row has a v0-only column, or v0 service labels. */
export function isV0(record: Record<string, unknown>): boolean {
  return V0_COLUMNS.some((column) => column in record) || splitValues(record.services).some((value) => SERVICES.has(key(value)));
}

const beforeColon = (value: string) => value.split(':')[0].trim();

/** v0 services, or already-v1 ones, in v1 spelling (unknown labels stay as given so validation names them). */
export function servicesFromAnyVersion(raw: unknown): string[] {
  return splitValues(raw).map((value) => canonicalValue('services', value) ?? SERVICES.get(key(value)) ?? value);
}

export function accompagnementFromAnyVersion(raw: unknown): string[] {
  return splitValues(raw).map(
    (value) => canonicalValue('modalitesAccompagnement', value) ?? ACCOMPAGNEMENT.get(key(beforeColon(value))) ?? value,
  );
}

/** The v1 fields carried by a v0 record's own columns. */
export function v0Fields(record: Record<string, unknown>): Partial<Record<keyof PlaceFields, unknown>> {
  const fields: Partial<Record<keyof PlaceFields, unknown>> = {};
  if ('courriel' in record) fields.courriels = record.courriel;
  if ('accessibilite' in record) fields.ficheAccesLibre = record.accessibilite;
  if ('conditions_acces' in record) {
    fields.fraisACharge = splitValues(record.conditions_acces).map((value) => FRAIS.get(key(beforeColon(value))) ?? beforeColon(value));
  }
  const others: string[] = splitValues(record.labels_autres);
  const formations: string[] = [];
  if ('labels_nationaux' in record) {
    const dispositifs: string[] = [];
    for (const label of splitValues(record.labels_nationaux)) {
      const mapped = canonicalValue('dispositifProgrammesNationaux', label) ?? DISPOSITIFS.get(key(label));
      const formation = canonicalValue('formationsLabels', label);
      if (mapped) dispositifs.push(mapped);
      else if (formation) formations.push(formation);
      else others.push(label);
    }
    fields.dispositifProgrammesNationaux = dispositifs;
  }
  if (others.length) fields.autresFormationsLabels = others;
  if (formations.length) fields.formationsLabels = formations;
  if ('publics_accueillis' in record) {
    const publics: string[] = [];
    const priseEnCharge: string[] = [];
    for (const value of splitValues(record.publics_accueillis)) {
      const k = PUBLICS.has(key(value)) || PRISE_EN_CHARGE.has(key(value)) ? key(value) : key(beforeColon(value));
      if (PUBLICS.has(k)) {
        const mapped = PUBLICS.get(k);
        if (mapped) publics.push(mapped);
      } else if (PRISE_EN_CHARGE.has(k)) priseEnCharge.push(PRISE_EN_CHARGE.get(k)!);
      else publics.push(value);
    }
    fields.publicsSpecifiquementAdresses = publics;
    if (priseEnCharge.length) fields.priseEnChargeSpecifique = priseEnCharge;
  }
  return fields;
}
