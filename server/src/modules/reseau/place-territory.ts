/**
 * A place's code INSEE, postcode and commune checked against the official list of communes
 * (shared/communes.ts). Real files are lenient about the commune's name (a lieu-dit, "MARSEILLE 3",
 * "St Nazaire", a commune déléguée) and use CEDEX postcodes the list does not hold, so only what is
 * surely wrong is refused: an unknown code INSEE; a commune name that is another commune than the
 * code INSEE's; a postcode of another département than the code INSEE's commune, or one the list gives
 * to other communes only; and a 4-digit postcode whose completion is not the commune's. Without a
 * code INSEE, a name and a postcode that disagree are not refused: which of the two is wrong is not
 * known (real files have a few). A commune is one with its communes déléguées and associées and its
 * arrondissements (Paris, Lyon, Marseille).
 */
import { say, type Text } from '../../i18n/lang.js';
import { communeByInsee, communeFamily, communeNameKey, communesByName, communesByPostcode, type Commune } from '../../shared/communes.js';
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
  field: 'codeInsee' | 'codePostal' | 'commune';
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
        `Le code INSEE « ${fields.codeInsee} » n’est celui d’aucune commune de la liste officielle (Code officiel géographique).`,
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
        `Le code postal doit avoir 5 chiffres : « ${postcode} » en a 4, et « 0${postcode} » n’est pas un code postal de la commune : ${where}. Corrigez le code postal ou la commune.`,
        `The postcode must have 5 digits: "${postcode}" has 4, and "0${postcode}" is not a postcode of the commune.`,
      ),
    );
  } else if (postcode && commune && /^\d{5}$/.test(postcode) && !commune.codesPostaux.includes(postcode)) {
    // A CEDEX code is not in the list but stays in the commune's département.
    if (departementFromPostcode(postcode) !== commune.departement) {
      problems.push(
        problem(
          'codePostal',
          `Le code postal « ${postcode} » n’est pas celui de la commune du code INSEE ${named(commune)}, dont le code postal est ${postcodesOf(commune)}.`,
          `The postcode "${postcode}" does not belong to the commune of INSEE code ${commune.code} (${commune.nom}).`,
        ),
      );
    } else if (!postcodeFits(postcode, communeFamily(commune))) {
      problems.push(
        problem(
          'codePostal',
          `Le code postal « ${postcode} » est celui d’autres communes (${servedBy(postcode)}), pas celui de la commune du code INSEE ${named(commune)}, dont le code postal est ${postcodesOf(commune)}. Corrigez le code postal ou le code INSEE.`,
          `The postcode "${postcode}" belongs to other communes than the one of INSEE code ${commune.code} (${commune.nom}).`,
        ),
      );
    }
  }
  if (commune && fields.commune && !nameFits(fields.commune, commune)) {
    problems.push(
      problem(
        'commune',
        `La commune « ${fields.commune} » n’est pas celle du code INSEE ${fields.codeInsee}, qui est ${named(commune)}. Corrigez la commune ou le code INSEE.`,
        `The commune "${fields.commune}" is not the one of INSEE code ${fields.codeInsee} (${commune.nom}).`,
      ),
    );
  }
  return problems;
}

/** "Marseille 15e Arrondissement", "MARSEILLE 15", "Marseille 15e" → the same key; "St"/"Saint", accents, hyphens and case aside. */
function nameKey(name: string): string {
  return communeNameKey(name).replace(/(\d+)(?:er|eme|ieme|e)?(?:arrondissement|arrt|arr)?$/, '$1');
}

/** A part of a commune's name ("Saint-Auban" of Château-Arnoux-Saint-Auban) is a lieu-dit there, not another commune. */
function isPartOfName(name: string, communes: Commune[]): boolean {
  const key = nameKey(name);
  return key.length >= 4 && communes.some((commune) => nameKey(commune.nom).includes(key));
}

/**
 * The row's commune name fits the code INSEE's commune unless it names another commune of the list:
 * a name the list does not hold (a lieu-dit, a misspelling) is not surely wrong.
 */
function nameFits(name: string, commune: Commune): boolean {
  const family = communeFamily(commune);
  const key = nameKey(name);
  if (family.some((member) => nameKey(member.nom) === key) || isPartOfName(name, family)) return true;
  return communesByName(name).length === 0;
}

/** The postcode fits unless the list gives it to other communes only (a CEDEX code is not in the list). */
function postcodeFits(postcode: string, communes: Commune[]): boolean {
  return communes.some((commune) => commune.codesPostaux.includes(postcode)) || communesByPostcode(postcode).length === 0;
}

function servedBy(postcode: string): string {
  const served = communesByPostcode(postcode);
  const shown = served.slice(0, 3).map((c) => c.nom);
  return served.length > 3 ? `${shown.join(', ')}…` : shown.join(', ');
}
