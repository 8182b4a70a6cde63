import { strToU8, zipSync } from 'fflate';
import { FRENCH_SPREADSHEET, toCsv } from '../../../shared/csv.js';
import { formatParisDateTime } from '../../../shared/local-time.js';

/**
 * "Mes données" as a readable archive: one spreadsheet (CSV, French settings) per section, a
 * LISEZ-MOI.txt that says how to read them, and the same data as JSON for programs.
 *
 * Sections hold different shapes (a profile, lists of registrations…), so each CSV has the same four
 * columns: the part of the section ("sessions"), the item's number in that list, the field
 * ("createdAt", "place.name" for a field inside a field) and its value.
 */
export function myDataArchive(data: { generatedAt: string; sections: Record<string, unknown> }): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  files['LISEZ-MOI.txt'] = strToU8(readme(data.generatedAt, Object.keys(data.sections)));
  for (const [section, value] of Object.entries(data.sections)) {
    files[`${section}.csv`] = strToU8(toCsv([['Rubrique', 'N°', 'Champ', 'Valeur'], ...rowsOf(value)], FRENCH_SPREADSHEET));
  }
  files['mes-donnees.json'] = strToU8(JSON.stringify(data, null, 2));
  return zipSync(files, { level: 6, mtime: new Date(data.generatedAt) });
}

type Row = [string, number | null, string, string | number | boolean | null];

function rowsOf(value: unknown): Row[] {
  if (isRecord(value)) return Object.entries(value).flatMap(([part, content]) => partRows(part, content));
  return partRows('', value);
}

function partRows(part: string, content: unknown): Row[] {
  if (Array.isArray(content)) {
    if (content.length === 0) return [[part, null, '', '']];
    return content.flatMap((item, index) => fieldRows(item, '').map(([field, cell]): Row => [part, index + 1, field, cell]));
  }
  return fieldRows(content, '').map(([field, cell]): Row => [part, null, field, cell]);
}

/** A value as (field, cell) pairs: fields inside fields are named with dots; a list of plain values is one cell. */
function fieldRows(value: unknown, prefix: string): [string, string | number | boolean | null][] {
  if (isRecord(value)) return Object.entries(value).flatMap(([key, inner]) => fieldRows(inner, prefix ? `${prefix}.${key}` : key));
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return [[prefix, value.join(', ')]];
    return value.flatMap((item, index) => fieldRows(item, `${prefix}.${index + 1}`));
  }
  if (value === null || value === undefined) return [[prefix, null]];
  if (value instanceof Date) return [[prefix, value.toISOString()]];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [[prefix, value]];
  return [[prefix, JSON.stringify(value)]];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function readme(generatedAt: string, sections: string[]): string {
  return [
    'Vos données sur Maillage',
    '',
    `Archive préparée le ${formatParisDateTime(new Date(generatedAt), 'fr')} (heure de Paris).`,
    '',
    'Chaque fichier .csv s’ouvre avec un tableur (LibreOffice Calc, Excel…) et correspond à une section du site :',
    ...sections.map((section) => `- ${section}.csv`),
    '',
    'Colonnes : « Rubrique » (la partie de la section), « N° » (le numéro de l’élément dans cette partie),',
    '« Champ » (le nom de l’information) et « Valeur ».',
    'Le fichier mes-donnees.json contient les mêmes données, pour un programme.',
    '',
    'Vous pouvez réutiliser ces données librement.',
    '',
  ].join('\r\n');
}
