import { say } from '../i18n/lang.js';

/**
 * French territories: départements (01–95, Corsica 2A/2B), the overseas départements and regions
 * (DROM 971–974, 976) and collectivités (COM 975, 977, 978, 986, 987, 988), each with its time zone and
 * its telephone region. Codes as the INSEE's Code officiel géographique writes them.
 */

/** Départements, Corsica and the overseas codes a place or a member can be in. */
const DEPARTEMENT = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-8]|98[678])$/;

export function normalizeDepartement(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const code = raw.trim().toUpperCase();
  if (/^\d$/.test(code)) return `0${code}`;
  return code;
}

export function isDepartement(code: string): boolean {
  return DEPARTEMENT.test(code);
}

/** What every form and filter says of a code `isDepartement` refuses. */
export const UNKNOWN_DEPARTEMENT = say(
  'Ce numéro de département est inconnu : ce département n’existe pas (exemples : 44, 2A, 974).',
  'Unknown département number: this département does not exist (e.g. 44, 2A, 974).',
);

/**
 * Saint-Barthélemy and Saint-Martin were communes of Guadeloupe (97123, 97127) until they became
 * collectivités in 2007 (977, 978); many files still use the old codes.
 */
export const FORMER_INSEE_CODES: Record<string, string> = { '97123': '97701', '97127': '97801' };

/** Their postcodes begin with 971 like Guadeloupe's, but they are not in Guadeloupe. */
const POSTCODE_OUTSIDE_ITS_PREFIX: Record<string, string> = { '97133': '977', '97150': '978' };

/** The département of a French postcode ("44260" → "44", "20000" → "2A", "97400" → "974", "98800" → "988"). */
export function departementFromPostcode(postcode: string): string | null {
  if (!/^\d{5}$/.test(postcode)) return null;
  if (POSTCODE_OUTSIDE_ITS_PREFIX[postcode]) return POSTCODE_OUTSIDE_ITS_PREFIX[postcode];
  if (postcode.startsWith('97') || postcode.startsWith('98')) return postcode.slice(0, 3);
  // Corsica: 200xx–201xx are Corse-du-Sud, 202xx–206xx Haute-Corse.
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  return postcode.slice(0, 2);
}

/** The département of a code INSEE ("44184" → "44", "2A004" → "2A", "98818" → "988", "97127" → "978"). */
export function departementFromInsee(codeInsee: string): string | null {
  const code = FORMER_INSEE_CODES[codeInsee] ?? codeInsee.toUpperCase();
  if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) return null;
  const departement = code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
  return isDepartement(departement) ? departement : null;
}

/** The département of a place: its code INSEE says it best (Saint-Martin's postcode looks like Guadeloupe's), else its postcode. */
export function departementOfPlace(place: { codeInsee?: string | null; codePostal?: string | null }): string | null {
  return (
    (place.codeInsee && departementFromInsee(place.codeInsee)) || (place.codePostal ? departementFromPostcode(place.codePostal) : null)
  );
}

/** Mainland France and Corsica. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

/**
 * The time zone of each overseas territory. French Polynesia is given Tahiti's time, where most of
 * its people live (the Marquesas are 30 minutes ahead, the Gambier one hour).
 */
export const OVERSEAS_TIME_ZONES: Readonly<Record<string, string>> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
  '977': 'America/St_Barthelemy',
  '978': 'America/Marigot',
  '986': 'Pacific/Wallis',
  '987': 'Pacific/Tahiti',
  '988': 'Pacific/Noumea',
};

/** The time zone people live by in a département (Europe/Paris when it is unknown). */
export function timeZoneOfDepartement(departement: string | null | undefined): string {
  return (departement && OVERSEAS_TIME_ZONES[departement]) || PARIS_TIME_ZONE;
}

/** The time zone of a place, from its département, else its code INSEE or postcode. */
export function timeZoneOfPlace(place: { departement?: string | null; codeInsee?: string | null; codePostal?: string | null }): string {
  return timeZoneOfDepartement(place.departement || departementOfPlace(place));
}

/** The telephone region (ISO 3166 code, as libphonenumber knows it) of each overseas territory. */
const PHONE_REGIONS: Record<string, PhoneRegion> = {
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '975': 'PM',
  '976': 'YT',
  '977': 'BL',
  '978': 'MF',
  '986': 'WF',
  '987': 'PF',
  '988': 'NC',
};
export type PhoneRegion = 'FR' | 'GP' | 'MQ' | 'GF' | 'RE' | 'PM' | 'YT' | 'BL' | 'MF' | 'WF' | 'PF' | 'NC';
export const PHONE_REGION_LIST: readonly PhoneRegion[] = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'BL', 'MF', 'PM', 'NC', 'PF', 'WF'];

export function phoneRegionOfDepartement(departement: string | null | undefined): PhoneRegion {
  return (departement && PHONE_REGIONS[departement]) || 'FR';
}

/** A local number written the way people of the territory write it, for messages. */
export const PHONE_EXAMPLE: Record<PhoneRegion, string> = {
  FR: '02 40 12 34 56',
  GP: '0590 82 12 34',
  MQ: '0596 71 23 45',
  GF: '0594 29 12 34',
  RE: '0262 41 23 45',
  YT: '0269 61 12 34',
  BL: '0590 27 12 34',
  MF: '0590 87 12 34',
  PM: '41 12 34',
  NC: '27 12 34',
  PF: '40 50 12 34',
  WF: '72 12 34',
};
