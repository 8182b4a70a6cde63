/**
 * The national open-data standard for places of digital mediation, v1.0.2
 * (server/data/standard/schema.json): its 32 columns, their enumerations and constraints,
 * and the normalization + validation every write goes through (forms, import, seed).
 */
import { say, type Text } from '../../i18n/lang.js';
import { normalizePhone, phoneExample } from '../../shared/phone.js';
import { normalizeTag } from '../../shared/tags.js';
import { communeSpelling } from '../../shared/communes.js';
import { departementOfPlace, phoneRegionOfDepartement } from '../../shared/territory.js';
import { parseOpeningHours } from './opening-hours.js';
import { territoryProblems } from './place-territory.js';

/** The 32 columns, in the standard's order (the export keeps it). */
export const STANDARD_COLUMNS = [
  'id',
  'pivot',
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'complement_adresse',
  'latitude',
  'longitude',
  'typologie',
  'telephone',
  'courriels',
  'site_web',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'source',
  'itinerance',
  'structure_parente',
  'date_maj',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'dispositif_programmes_nationaux',
  'formations_labels',
  'autres_formations_labels',
  'modalites_acces',
  'modalites_accompagnement',
  'fiche_acces_libre',
  'prise_rdv',
] as const;
export type StandardColumn = (typeof STANDARD_COLUMNS)[number];

/** The enumerations of the standard, spelled as its schema's patterns spell them. */
export const VOCABULARY = {
  services: [
    'Aide aux démarches administratives',
    'Maîtrise des outils numériques du quotidien',
    'Insertion professionnelle via le numérique',
    'Utilisation sécurisée du numérique',
    'Parentalité et éducation avec le numérique',
    'Loisirs et créations numériques',
    'Compréhension du monde numérique',
    'Accès internet et matériel informatique',
    'Acquisition de matériel informatique à prix solidaire',
  ],
  publicsSpecifiquementAdresses: ['Jeunes', 'Étudiants', 'Familles et/ou enfants', 'Seniors', 'Femmes'],
  priseEnChargeSpecifique: [
    'Surdité',
    'Handicaps moteurs',
    'Handicaps mentaux',
    'Illettrisme',
    'Langues étrangères (anglais)',
    'Langues étrangères (autres)',
    'Déficience visuelle',
  ],
  fraisACharge: ['Gratuit', 'Gratuit sous condition', 'Payant'],
  dispositifProgrammesNationaux: [
    'Aidants Connect',
    'Bibliothèques numérique de référence',
    'Certification PIX',
    'Conseillers numériques',
    'Emmaüs Connect',
    'France Services',
    'Grande école du numérique',
    'La Croix Rouge',
    "Point d'accès numérique CAF",
    'Promeneurs du net',
    'Relais numérique (Emmaüs Connect)',
  ],
  formationsLabels: [
    'Formé à « Mon Espace Santé »',
    'Formé à « DUPLEX » (illettrisme)',
    'Arnia/MedNum BFC (Bourgogne-Franche-Comté)',
    'Collectif ressources et acteurs réemploi (Normandie)',
    'Étapes numériques(La Poste)',
    'Fabriques de Territoire',
    'Les Éclaireurs du numérique (Drôme)',
    'Mes Papiers (Métropole de Lyon)',
    'ORDI 3.0',
    'SUD LABS (PACA)',
  ],
  modalitesAcces: [
    'Se présenter',
    'Téléphoner',
    'Contacter par mail',
    'Prendre un RDV en ligne',
    "Ce lieu n'accueille pas de public",
    'Envoyer un mail avec une fiche de prescription',
  ],
  modalitesAccompagnement: ['En autonomie', 'Accompagnement individuel', 'Dans un atelier collectif', 'À distance'],
  itinerance: ['Itinérant', 'Fixe'],
} as const;
export type EnumeratedField = keyof typeof VOCABULARY;
export const ENUMERATED_FIELDS = Object.keys(VOCABULARY) as EnumeratedField[];

/** The place's fields as Maillage stores them (camelCase of the standard's columns; lists for multi-values). */
export interface PlaceFields {
  standardId: string | null;
  pivot: string | null;
  name: string;
  commune: string | null;
  codePostal: string | null;
  codeInsee: string | null;
  adresse: string | null;
  complementAdresse: string | null;
  latitude: number | null;
  longitude: number | null;
  typologie: string[];
  telephone: string | null;
  courriels: string[];
  siteWeb: string[];
  horaires: string | null;
  presentationResume: string | null;
  presentationDetail: string | null;
  source: string | null;
  itinerance: string[];
  structureParente: string | null;
  dateMaj: string | null;
  services: string[];
  publicsSpecifiquementAdresses: string[];
  priseEnChargeSpecifique: string[];
  fraisACharge: string[];
  dispositifProgrammesNationaux: string[];
  formationsLabels: string[];
  autresFormationsLabels: string[];
  modalitesAcces: string[];
  modalitesAccompagnement: string[];
  ficheAccesLibre: string | null;
  priseRdv: string | null;
}

/** Standard column → Maillage property. */
export const PROPERTY_OF: Record<StandardColumn, keyof PlaceFields> = {
  id: 'standardId',
  pivot: 'pivot',
  nom: 'name',
  commune: 'commune',
  code_postal: 'codePostal',
  code_insee: 'codeInsee',
  adresse: 'adresse',
  complement_adresse: 'complementAdresse',
  latitude: 'latitude',
  longitude: 'longitude',
  typologie: 'typologie',
  telephone: 'telephone',
  courriels: 'courriels',
  site_web: 'siteWeb',
  horaires: 'horaires',
  presentation_resume: 'presentationResume',
  presentation_detail: 'presentationDetail',
  source: 'source',
  itinerance: 'itinerance',
  structure_parente: 'structureParente',
  date_maj: 'dateMaj',
  services: 'services',
  publics_specifiquement_adresses: 'publicsSpecifiquementAdresses',
  prise_en_charge_specifique: 'priseEnChargeSpecifique',
  frais_a_charge: 'fraisACharge',
  dispositif_programmes_nationaux: 'dispositifProgrammesNationaux',
  formations_labels: 'formationsLabels',
  autres_formations_labels: 'autresFormationsLabels',
  modalites_acces: 'modalitesAcces',
  modalites_accompagnement: 'modalitesAccompagnement',
  fiche_acces_libre: 'ficheAccesLibre',
  prise_rdv: 'priseRdv',
};

export const LIST_PROPERTIES = new Set<keyof PlaceFields>([
  'typologie',
  'courriels',
  'siteWeb',
  'itinerance',
  'services',
  'publicsSpecifiquementAdresses',
  'priseEnChargeSpecifique',
  'fraisACharge',
  'dispositifProgrammesNationaux',
  'formationsLabels',
  'autresFormationsLabels',
  'modalitesAcces',
  'modalitesAccompagnement',
]);

/** French names of the fields, for messages next to a field or in an import report. */
export const FIELD_LABEL: Record<keyof PlaceFields, string> = {
  standardId: 'identifiant (id)',
  pivot: 'SIRET ou RNA (pivot)',
  name: 'nom',
  commune: 'commune',
  codePostal: 'code postal',
  codeInsee: 'code INSEE',
  adresse: 'adresse',
  complementAdresse: 'complément d’adresse',
  latitude: 'latitude',
  longitude: 'longitude',
  typologie: 'typologie',
  telephone: 'téléphone',
  courriels: 'courriels',
  siteWeb: 'site web',
  horaires: 'horaires',
  presentationResume: 'présentation courte',
  presentationDetail: 'présentation détaillée',
  source: 'source',
  itinerance: 'itinérance',
  structureParente: 'structure parente',
  dateMaj: 'date de mise à jour',
  services: 'services',
  publicsSpecifiquementAdresses: 'publics spécifiquement adressés',
  priseEnChargeSpecifique: 'prise en charge spécifique',
  fraisACharge: 'frais à charge',
  dispositifProgrammesNationaux: 'dispositifs et programmes nationaux',
  formationsLabels: 'formations et labels',
  autresFormationsLabels: 'autres formations et labels',
  modalitesAcces: 'modalités d’accès',
  modalitesAccompagnement: 'modalités d’accompagnement',
  ficheAccesLibre: 'fiche Acceslibre',
  priseRdv: 'prise de rendez-vous',
};

export const PLACEHOLDER_PIVOT = '00000000000000';
const PIVOT = /^[a-zA-Z0-9]{9,14}$/;
const CODE_POSTAL = /^\d{5}$/;
const CODE_INSEE = /^([013-9]\d|2[AB1-9])\d{3}$/;
const TELEPHONE = /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/;
const EMAIL = /^[^\s@|;,]+@[^\s@|;,]+\.[^\s@|;,]{2,}$/;
const TYPOLOGIE = /^([A-Z][A-Z0-9_]{1,30}|Autre)$/;

/**
 * data.inclusion's typology codes are upper case, except `Autre`, which its list (and the national
 * library reading our export) spells so: any other spelling of it is the same code.
 */
export function canonicalTypologie(value: string): string {
  const upper = value.trim().toUpperCase();
  return upper === 'AUTRE' ? 'Autre' : upper;
}
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Another spelling of an enumerated value (ANCT's library, a typo in the schema's description, case, accents) → the standard's. */
const ALTERNATE_SPELLINGS: Record<string, string> = {
  [normalizeTag('Étapes numériques (La Poste)')]: 'Étapes numériques(La Poste)',
  [normalizeTag('Bibliothèques numériques de référence')]: 'Bibliothèques numérique de référence',
};

const CANONICAL = new Map<EnumeratedField, Map<string, string>>(
  ENUMERATED_FIELDS.map((field) => [field, new Map(VOCABULARY[field].map((value) => [vocabularyKey(value), value]))]),
);

function vocabularyKey(value: string): string {
  // normalizeTag caps at 40 characters; labels are longer.
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** The standard's spelling of `value` in `field`, or null when it is not one of its values. */
export function canonicalValue(field: EnumeratedField, value: string): string | null {
  const key = vocabularyKey(value);
  const direct = CANONICAL.get(field)!.get(key);
  if (direct) return direct;
  const alternate = ALTERNATE_SPELLINGS[normalizeTag(value)];
  return alternate && (VOCABULARY[field] as readonly string[]).includes(alternate) ? alternate : null;
}

/** Multi-values: `|` in v1.0.2, `;` in v0 files and in the standard's README. */
export function splitValues(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  if (Array.isArray(raw)) return raw.flatMap((item) => splitValues(item));
  return String(raw)
    .split(/[|;]/)
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Where a place is, when the fields being written do not say it (a page edited without its address). */
export interface PlaceContext {
  departement?: string | null;
}

/** The département the fields (else the context) place the place in: its phone is written the territory's way. */
function departementOfFields(fields: { codeInsee?: unknown; codePostal?: unknown }, context: PlaceContext): string | null {
  const codeInsee = typeof fields.codeInsee === 'string' ? fields.codeInsee.trim() : null;
  const codePostal = fields.codePostal === null || fields.codePostal === undefined ? null : String(fields.codePostal).trim();
  return departementOfPlace({ codeInsee, codePostal }) ?? context.departement ?? null;
}

export function normalizeUrl(raw: string): string {
  const url = raw.trim();
  if (/^www\./i.test(url)) return `https://${url}`;
  return url;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export interface FieldProblem {
  field: keyof PlaceFields;
  text: Text;
}

const text = (v: string | null | undefined): string | null => {
  const trimmed = v?.trim();
  return trimmed ? trimmed : null;
};
const textOf = (v: unknown): string | null => text(v === null || v === undefined ? null : String(v));

/**
 * Cleans what a person or a file gave (trims, a phone written "05 45 12 34 56", "www." sites,
 * other spellings of the standard's labels) so the stored value is the standard's.
 * Only the properties present in `input` are returned.
 */
export function normalizePlaceFields(input: Partial<Record<keyof PlaceFields, unknown>>, context: PlaceContext = {}): Partial<PlaceFields> {
  const out: Partial<PlaceFields> = {};
  for (const [key, raw] of Object.entries(input) as Array<[keyof PlaceFields, unknown]>) {
    if (raw === undefined) continue;
    if (LIST_PROPERTIES.has(key)) {
      let values = splitValues(raw);
      if ((ENUMERATED_FIELDS as string[]).includes(key)) values = values.map((v) => canonicalValue(key as EnumeratedField, v) ?? v);
      if (key === 'typologie') values = values.map(canonicalTypologie);
      if (key === 'courriels') values = values.map((v) => v.toLowerCase());
      if (key === 'siteWeb') values = values.map(normalizeUrl);
      (out as Record<string, unknown>)[key] = [...new Set(values)];
    } else if (key === 'latitude' || key === 'longitude') {
      const value = raw === null || raw === '' ? null : Number(String(raw).replace(',', '.'));
      out[key] = value;
    } else if (key === 'telephone') {
      const value = text(raw as string | null);
      out.telephone = value ? normalizePhone(value, phoneRegionOfDepartement(departementOfFields(input, context))) : null;
    } else if (key === 'ficheAccesLibre' || key === 'priseRdv') {
      const value = text(raw as string | null);
      out[key] = value ? normalizeUrl(value) : null;
    } else if (key === 'codePostal') {
      out.codePostal = text(raw === null ? null : String(raw));
    } else if (key === 'name') {
      out.name = text(raw as string) ?? '';
    } else if (key === 'commune') {
      const commune = text(raw === null ? null : String(raw));
      out.commune = commune && communeSpelling({ commune, codeInsee: textOf(input.codeInsee), codePostal: textOf(input.codePostal) });
    } else {
      (out as Record<string, unknown>)[key] = text(raw === null ? null : String(raw));
    }
  }
  return out;
}

/** Every way `fields` breaks the standard's constraints (only the properties present are checked). */
export function placeProblems(fields: Partial<PlaceFields>, context: PlaceContext = {}): FieldProblem[] {
  const problems: FieldProblem[] = [...territoryProblems(fields)];
  const add = (field: keyof PlaceFields, fr: string, en: string) => {
    if (!problems.some((p) => p.field === field)) problems.push({ field, text: say(fr, en) });
  };
  if (fields.name !== undefined) {
    if (fields.name.length < 2) add('name', 'Indiquez le nom du lieu (au moins 2 caractères).', 'Enter the name (at least 2 characters).');
    else if (fields.name.length > 200) add('name', 'Le nom ne peut pas dépasser 200 caractères.', 'The name cannot exceed 200 characters.');
  }
  if (fields.standardId && fields.standardId.length > 200)
    add('standardId', 'L’identifiant ne peut pas dépasser 200 caractères.', 'The id cannot exceed 200 characters.');
  if (fields.pivot && !PIVOT.test(fields.pivot)) {
    add(
      'pivot',
      'Le pivot doit être un SIRET (14 chiffres) ou un numéro RNA (9 à 14 lettres et chiffres).',
      'The pivot must be a SIRET (14 digits) or an RNA number (9 to 14 letters and digits).',
    );
  }
  if (fields.codePostal && !CODE_POSTAL.test(fields.codePostal))
    add('codePostal', 'Le code postal doit avoir 5 chiffres (exemple : 44260).', 'The postcode must have 5 digits (e.g. 44260).');
  if (fields.codeInsee && !CODE_INSEE.test(fields.codeInsee))
    add(
      'codeInsee',
      'Le code INSEE doit avoir 5 caractères (exemple : 44195 ou 2A004).',
      'The INSEE code must have 5 characters (e.g. 44195 or 2A004).',
    );
  for (const field of ['commune', 'adresse'] as const) {
    const value = fields[field];
    if (value && value.length > 250)
      add(field, `Le champ « ${FIELD_LABEL[field]} » ne peut pas dépasser 250 caractères.`, `${field} cannot exceed 250 characters.`);
  }
  const { latitude, longitude } = fields;
  if (latitude !== undefined && latitude !== null && (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)) {
    add(
      'latitude',
      'La latitude doit être un nombre entre -90 et 90 (exemple : 47,36).',
      'The latitude must be a number between -90 and 90.',
    );
  }
  if (longitude !== undefined && longitude !== null && (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)) {
    add(
      'longitude',
      'La longitude doit être un nombre entre -180 et 180 (exemple : -1,94).',
      'The longitude must be a number between -180 and 180.',
    );
  }
  if (latitude !== undefined && longitude !== undefined && (latitude === null) !== (longitude === null)) {
    add(
      latitude === null ? 'latitude' : 'longitude',
      'Indiquez la latitude et la longitude ensemble.',
      'Give the latitude and the longitude together.',
    );
  }
  for (const value of fields.typologie ?? []) {
    if (!TYPOLOGIE.test(value))
      add(
        'typologie',
        `« ${value} » n’est pas un code de typologie (exemple : ASSO, MUNI, TIERS_LIEUX).`,
        `"${value}" is not a typology code.`,
      );
  }
  if (fields.telephone && !TELEPHONE.test(fields.telephone)) {
    const example = phoneExample(phoneRegionOfDepartement(departementOfFields(fields, context)));
    add(
      'telephone',
      `Le numéro « ${fields.telephone} » n’est pas valide : écrivez-le comme ${example}, ou avec l’indicatif (+33, +590, +687…).`,
      `The phone number "${fields.telephone}" is not valid: write it like ${example}, or with the country code.`,
    );
  }
  for (const value of fields.courriels ?? []) {
    if (!EMAIL.test(value))
      add('courriels', `L’adresse « ${value} » n’est pas une adresse e-mail valide.`, `"${value}" is not a valid e-mail address.`);
  }
  for (const value of fields.siteWeb ?? []) {
    if (!isHttpUrl(value))
      add('siteWeb', `« ${value} » n’est pas une adresse web (elle doit commencer par https://).`, `"${value}" is not a web address.`);
  }
  for (const field of ['ficheAccesLibre', 'priseRdv'] as const) {
    const value = fields[field];
    if (value && !isHttpUrl(value))
      add(field, `« ${value} » n’est pas une adresse web (elle doit commencer par https://).`, `"${value}" is not a web address.`);
  }
  if (fields.horaires) {
    if (fields.horaires.length > 1000)
      add('horaires', 'Les horaires ne peuvent pas dépasser 1 000 caractères.', 'Opening hours cannot exceed 1,000 characters.');
    else if (!parseOpeningHours(fields.horaires)) {
      add(
        'horaires',
        `Les horaires « ${fields.horaires} » ne sont pas au format OpenStreetMap (exemple : Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00).`,
        'The opening hours are not in the OpenStreetMap format.',
      );
    }
  }
  if (fields.presentationResume && fields.presentationResume.length > 280) {
    add(
      'presentationResume',
      `La présentation courte ne peut pas dépasser 280 caractères (elle en a ${fields.presentationResume.length}).`,
      'The short presentation cannot exceed 280 characters.',
    );
  }
  if (fields.dateMaj && !isRealDate(fields.dateMaj))
    add(
      'dateMaj',
      `La date « ${fields.dateMaj} » doit s’écrire AAAA-MM-JJ (exemple : 2024-04-02).`,
      'The date must be written YYYY-MM-DD.',
    );
  for (const field of ENUMERATED_FIELDS) {
    for (const value of fields[field] ?? []) {
      if (!(VOCABULARY[field] as readonly string[]).includes(value)) {
        add(
          field,
          `« ${value} » n’est pas une valeur possible pour « ${FIELD_LABEL[field]} » (valeurs possibles : ${VOCABULARY[field].join(', ')}).`,
          `"${value}" is not a possible value of ${field}.`,
        );
      }
    }
  }
  return problems;
}

/** What the standard requires of a row (id, pivot, nom, commune, code_postal, adresse, date_maj). */
export function missingRequired(fields: Partial<PlaceFields>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['standardId', 'pivot', 'name', 'commune', 'codePostal', 'adresse', 'dateMaj'] as const) {
    if (!fields[field]) problems.push({ field, text: say(`Le champ « ${FIELD_LABEL[field]} » est obligatoire.`, `${field} is required.`) });
  }
  return problems;
}
