/**
 * A place's code INSEE, postcode and commune checked against the official list of communes
 * (shared/communes.ts). Real files are lenient about the commune's name (a lieu-dit, "MARSEILLE 3")
 * and use CEDEX postcodes the list does not hold, so only what is surely wrong is refused: an
 * unknown code INSEE, a postcode of another département than the code INSEE's commune, and a
 * 4-digit postcode whose completion is not the commune's.
 */
import { say, type Text } from '../../i18n/lang.js';
import { communeByInsee, communesByName, type Commune } from '../../shared/communes.js';
import { departementFromPostcode } from '../../shared/territory.js';

interface TerritoryFields {
  codeInsee?: string | null;
  codePostal?: string | null;
  commune?: string | null;
}

const CODE_INSEE = /^([013-9]\d|2[AB1-9])\d{3}$/;

/** The communes a row means: the one of its code INSEE when it gives one, else those of its commune's name. */
function communesMeant(fields: TerritoryFields): Commune[] {
  if (fields.codeInsee) {
    const commune = communeByInsee(fields.codeInsee);
    return commune ? [commune] : [];
  }
  return fields.commune ? communesByName(fields.commune) : [];
}

/**
 * Spreadsheets drop the leading zero of "01000": a 4-digit postcode is completed only when the
 * completed code is a postcode of the row's commune (by code INSEE, else by name); else null.
 */
export function completedPostcode(fields: TerritoryFields & { codePostal: string }): string | null {
  const completed = `0${fields.codePostal}`;
  return communesMeant(fields).some((commune) => commune.codesPostaux.includes(completed)) ? completed : null;
}

const named = (commune: Commune) => `${commune.nom} (${commune.code})`;
const postcodesOf = (commune: Commune) => commune.codesPostaux.join(', ') || '—';

interface TerritoryProblem {
  field: 'codeInsee' | 'codePostal';
  text: Text;
}

function problem(field: TerritoryProblem['field'], fr: string, en: string): TerritoryProblem {
  return { field, text: say(fr, en) };
}

/** What is surely wrong in the row's code INSEE ↔ postcode ↔ commune (only the fields present are checked). */
export function territoryProblems(fields: TerritoryFields): TerritoryProblem[] {
  const problems: TerritoryProblem[] = [];
  const commune = fields.codeInsee && CODE_INSEE.test(fields.codeInsee) ? communeByInsee(fields.codeInsee) : undefined;
  if (fields.codeInsee && CODE_INSEE.test(fields.codeInsee) && !commune) {
    problems.push(
      problem(
        'codeInsee',
        `Le code INSEE « ${fields.codeInsee} » n'est celui d'aucune commune de la liste officielle (Code officiel géographique).`,
        `The INSEE code "${fields.codeInsee}" is not one of a commune in the official list.`,
      ),
    );
  }
  const postcode = fields.codePostal;
  if (postcode && /^\d{4}$/.test(postcode)) {
    const meant = communesMeant(fields);
    const where = meant.length
      ? meant.map((c) => `${named(c)}, code postal ${postcodesOf(c)}`).join(' ; ')
      : `« ${fields.commune ?? ''} », absente de la liste officielle`;
    problems.push(
      problem(
        'codePostal',
        `Le code postal doit avoir 5 chiffres : « ${postcode} » en a 4, et « 0${postcode} » n'est pas un code postal de la commune : ${where}. Corrigez le code postal ou la commune.`,
        `The postcode must have 5 digits: "${postcode}" has 4, and "0${postcode}" is not a postcode of the commune.`,
      ),
    );
  } else if (postcode && commune && /^\d{5}$/.test(postcode) && !commune.codesPostaux.includes(postcode)) {
    // A CEDEX code is not in the list but stays in the commune's département.
    if (departementFromPostcode(postcode) !== commune.departement) {
      problems.push(
        problem(
          'codePostal',
          `Le code postal « ${postcode} » n'est pas celui de la commune du code INSEE ${named(commune)}, dont le code postal est ${postcodesOf(commune)}.`,
          `The postcode "${postcode}" does not belong to the commune of INSEE code ${commune.code} (${commune.nom}).`,
        ),
      );
    }
  }
  return problems;
}
