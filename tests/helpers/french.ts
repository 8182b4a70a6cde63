/**
 * What French written properly never shows (issue #17): a plural left to the reader ("réponse(s)",
 * "intéressé(e)", "signatory(ies)") and a "·e" ending where the gender is known ("publié·e" after
 * "une question", "1er·e position"). The inclusive forms that stay are those addressed to a person
 * whose gender the product does not know ("vous êtes inscrit·e"), listed here one by one: a new
 * "·e" word must be looked at before it is added.
 */
const PERSON_WORDS = new Set([
  'inscrit·e',
  'prévenu·e',
  'connecté·e',
  'déconnecté·e',
  'seul·e',
  'suspendu·e',
  'intervenant·e',
  'ajouté·e',
  'chacun·e',
  'modérateur·rice',
  'administrateur·rice',
  'éditeur·rice',
  'testeur·rice',
  'un·e',
  // Entraide: a member invited to answer or mentioned, and "Demander aux expert·es" (people the product does not know).
  'invité·e',
  'mentionné·e',
  'expert·es',
]);

/** Each offence in `text`, with a few words around it. */
export function frenchOffences(text: string): string[] {
  const around = (index: number, length: number) => text.slice(Math.max(0, index - 30), index + length + 30).replace(/\s+/g, ' ');
  const plurals = [...text.matchAll(/\p{L}\((?:s|e|es|x|ies|nes|le|les)\)/gu)].map((m) => `« ${around(m.index, m[0].length)} »`);
  const endings = [...text.matchAll(/\p{L}+·(?:e|se|rice|ne|le)s?\b/gu)]
    .filter((m) => !PERSON_WORDS.has(m[0].toLowerCase()))
    .map((m) => `« ${around(m.index, m[0].length)} »`);
  return [...plurals, ...endings];
}

/** "3 mars", "1er mars": the day and month of `date` in Paris as the product writes them (Intl writes "1 mars"). */
export function parisDayAndMonth(date: Date): string {
  const written = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long' }).format(date);
  return written.replace(/^1 /, '1er ');
}

/**
 * A sentence of the product's French messages as a page shows it: with the no-break spaces French sets before
 * `:`, `;`, `!`, `?` and inside guillemets (web/src/lib/i18n/format.ts, `withFrenchSpaces`).
 */
export { withFrenchSpaces as french } from '../../web/src/lib/i18n/format.js';

/**
 * Times and durations written with plain spaces ("14 h 30 – 16 h", "2 h 30", "45 min") as the pages show them in
 * French: held together by a narrow no-break space ("14 h 30"), the dash of a range held to its start by a
 * no-break space (`TIME_SPACE` and `RANGE_DASH` in web/src/lib/format.ts), so a phone never starts a line with "h".
 */
export function times(text: string): string {
  return text
    .replace(/(\d) (h|min)(?![\p{L}])/gu, '$1\u202f$2')
    .replace(/(\d\u202fh) (\d{2})(?!\d)/g, '$1\u202f$2')
    .replace(/(\d\u202f(?:h|min)|\d\u202fh\u202f\d{2}) – /g, '$1\u00a0– ');
}
